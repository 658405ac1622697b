#!/usr/bin/python3
"""Checks the web atlas in headless Chromium from file://, as tests/web.rs asks.

Usage: check_site.py SITE_DIR SHOTS_DIR [--project]
       check_site.py --timing SITE_DIR RUNS   (the bench: the first map frame's time)
  SITE_DIR   the folder `langson-atlas web` wrote
  SHOTS_DIR  where the screenshots go (desk 1280x800, phone 390x844)
  --project  the site was made with the test's project: check its categorised layer and
             its tour (tour 1 is the project's)

Prints one line per check; exits 1 on the first failure (its reason on stderr), and
prints "TIMING first-idle-ms=<n>" for the bench.
"""

import json
import os
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def fail(why):
    sys.stderr.write("FAIL: " + why + "\n")
    sys.exit(1)


def driver(mobile=False):
    opts = Options()
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + tempfile.mkdtemp(prefix="atlas-chromium-")]:
        opts.add_argument(arg)
    if mobile:
        opts.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14) Mobile",
        })
    else:
        opts.add_argument("--window-size=1280,800")
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    d = webdriver.Chrome(service=service, options=opts)
    if not mobile:
        # The viewport itself at 1280x800, whatever the headless window's frame takes.
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    # The browser's own start page is not ours: its requests leave the log before ours.
    d.get("about:blank")
    d.get_log("performance")
    return d


def wait(d, condition, what, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        if d.execute_script("return " + condition):
            return
        time.sleep(0.1)
    fail("timed out waiting for " + what)


def panel_text(d):
    return d.find_element(By.ID, "panel-body").text


def open_page(d, url):
    d.get(url)
    wait(d, "document.body.dataset.ready === 'true'", "the map's first idle")


def console_errors(d):
    return [e for e in d.get_log("browser") if e["level"] == "SEVERE"]


def check_resources(d, site):
    # Every request the browser made (its network log), and what the page names.
    names = d.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(Array.from(document.querySelectorAll('script[src], link[href], img[src]'))"
        ".map(e => e.src || e.href))")
    for entry in d.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            names.append(message["params"]["request"]["url"])
    prefix = "file://" + site.rstrip("/") + "/"
    outside = [n for n in names if not n.startswith(prefix) and not n.startswith("blob:")
               and not n.startswith("data:")]
    if outside:
        fail("resources from outside the folder: %s" % outside)
    print("ok resources: %d, all inside the folder" % len(names))


def pixels_near(png_path, colours, tolerance):
    """How many pixels of the screenshot are within `tolerance` of each colour."""
    from PIL import Image  # Debian's python3-pil comes with python3-selenium's tools
    img = Image.open(png_path).convert("RGB")
    counts = [0] * len(colours)
    for (r, g, b) in img.getdata():
        for i, (cr, cg, cb) in enumerate(colours):
            if abs(r - cr) <= tolerance and abs(g - cg) <= tolerance and abs(b - cb) <= tolerance:
                counts[i] += 1
    return counts


def rgb(css):
    inside = css[css.index("(") + 1:css.index(")")].split(",")
    return [float(v) for v in inside]


def blend(under, colour, alpha):
    return [u * (1 - alpha) + c * alpha for u, c in zip(under, colour)]


def check_districts_drawn(d, shots):
    path = os.path.join(shots, "desk-overview.png")
    d.save_screenshot(path)
    geo = d.execute_script("return window.ATLAS_GEO")
    land = next(rgb(f["properties"]["fill"]) for f in geo["base"]["land"]["features"]
                if f["properties"]["fill"] != geo["base"]["no_data"])
    zones = {}
    for f in geo["plan"]["features"]:
        p = f["properties"]
        if p["layer"] == "zones":
            zones[p["fill"]] = True
    fills = {}
    for f in geo["plan"]["features"]:
        p = f["properties"]
        if p["layer"] == "districts":
            fills[p["fill"]] = p
    expected = []
    for district_fill in fills:
        c = rgb(district_fill)
        colour, alpha = c[:3], c[3]
        # Colours are kept premultiplied in the app: the same zone's colour at two alphas
        # may differ by a unit once unmultiplied.
        zone = min((rgb(z) for z in zones), key=lambda z: sum(abs(a - b) for a, b in zip(z[:3], colour)))
        expected.append([round(v) for v in blend(blend(land, colour, zone[3]), colour, alpha)])
    counts = pixels_near(path, expected, 10)
    drawn = [n for n in counts if n > 300]
    if len(drawn) < 2:
        fail("district fills not found in the screenshot: %s for %s" % (counts, expected))
    print("ok districts drawn: pixels per zone colour %s" % counts)


def check_search(d):
    names = d.execute_script(
        "const M = window.ATLAS_MODEL; return M.order.filter(id => M.features[id].kind.en === 'District-level unit')"
        ".map(id => M.features[id].name.vi)")
    if len(names) != 11:
        fail("11 districts in the model, found %d" % len(names))
    box = d.find_element(By.ID, "search")
    for name in names:
        folded = d.execute_script("return AtlasPanel.fold(arguments[0])", name)
        box.clear()
        box.send_keys(folded)
        results = d.find_element(By.ID, "results").text
        if name not in results:
            fail("searching %r does not offer %r: %r" % (folded, name, results))
    box.send_keys(Keys.ESCAPE)
    print("ok search: the 11 districts found without diacritics")


CONTRAST_JS = """
function lum(c) {
  const v = c.match(/[0-9.]+/g).slice(0, 3).map(Number).map(function (x) {
    x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    const b = getComputedStyle(el).backgroundColor;
    const a = b.match(/[0-9.]+/g);
    if (a && (a.length < 4 || Number(a[3]) > 0.5)) return b;
  }
  return 'rgb(255,255,255)';
}
let worst = [99, ''];
document.querySelectorAll('#panel-body *').forEach(function (el) {
  const own = Array.from(el.childNodes).some(function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!own || !el.getClientRects().length) return;
  const s = getComputedStyle(el);
  const fg = lum(s.color), bg = lum(background(el));
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  const r = ratio * (s.opacity ? Number(s.opacity) : 1);
  if (r < worst[0]) worst = [r, el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40)];
});
return worst;
"""


def check_accessibility(d):
    worst = d.execute_script(CONTRAST_JS)
    if worst[0] < 4.5:
        fail("panel text below WCAG AA contrast: %.2f at %s" % (worst[0], worst[1]))
    reached = []
    from selenium.webdriver.common.action_chains import ActionChains
    # From the top of the page, as a keyboard user starts.
    d.execute_script("document.getElementById('skip-link').focus()")
    for _ in range(6):
        ActionChains(d).send_keys(Keys.TAB).perform()
        el = d.switch_to.active_element
        reached.append(el.get_attribute("id") or el.tag_name)
        outline = d.execute_script("const s = getComputedStyle(document.activeElement); "
                                   "return [s.outlineStyle, s.outlineWidth]")
        if el.get_attribute("id") in ("search", "tour-button", "lang-button") and \
                (outline[0] == "none" or outline[1] == "0px"):
            fail("no visible focus on %s: %s" % (el.get_attribute("id"), outline))
    for needed in ("search", "tour-button", "lang-button"):
        if needed not in reached:
            fail("%s is not reached by Tab: %s" % (needed, reached))
    print("ok accessibility: contrast at least %.1f, controls reached by Tab with a visible focus"
          % worst[0])


def check_click(d):
    """A click on the map selects what is under it (the gate, over the district)."""
    from selenium.webdriver.common.action_chains import ActionChains
    at = d.execute_script(
        "const f = ATLAS_GEO.plan.features.find(f => f.properties.id === 'huu_nghi');"
        "AtlasMap.map.jumpTo({center: f.geometry.coordinates, zoom: 10});"
        "return f.geometry.coordinates")
    wait(d, "AtlasMap.map.loaded()", "the map at the gate")
    xy = d.execute_script(
        "const p = AtlasMap.map.project(arguments[0]);"
        "const r = AtlasMap.map.getCanvas().getBoundingClientRect();"
        "return [Math.round(p.x + r.left), Math.round(p.y + r.top)]", at)
    # Selenium's offsets are from the element's centre.
    body = d.find_element(By.TAG_NAME, "html")
    size = body.size
    ActionChains(d).move_to_element_with_offset(
        body, xy[0] - size["width"] // 2, xy[1] - size["height"] // 2).click().perform()
    wait(d, "location.hash === '#f=huu_nghi'", "the gate selected by a click on the map")
    print("ok a click on the map selects the gate under it")


def feature_facts(d, fid):
    return d.execute_script(
        "const M = window.ATLAS_MODEL; return M.features[arguments[0]].facts.map(id => M.facts[id])", fid)


def check_deep_links(d, site):
    base = "file://" + site + "/index.html"
    open_page(d, base + "#f=huu_nghi")
    wait(d, "document.getElementById('panel-heading').textContent.indexOf('Hữu Nghị') >= 0",
         "Hữu Nghị's panel")
    text = panel_text(d)
    facts = feature_facts(d, "huu_nghi")
    if not facts:
        fail("huu_nghi has no facts in the model")
    flat = " ".join(text.split())
    for f in facts:
        if " ".join(f["quote"].split()) not in flat:
            fail("the quote of %s is not on huu_nghi's panel" % f["id"])
    print("ok #f=huu_nghi: %d facts with their quotes" % len(facts))
    url = d.execute_script("return window.ATLAS_MODEL.url")
    if url:
        link = url + "#f=huu_nghi"
        if link not in text:
            fail("the panel does not give the published link %s" % link)
        print("ok the published address of the view: %s" % link)
    check_accessibility(d)
    # A chip opens the article with the quoted words marked.
    first = d.find_element(By.CSS_SELECTOR, "#panel-body .fact")
    quote = next(f["quote"] for f in facts if f["id"] == first.get_attribute("data-fact"))
    first.find_element(By.CSS_SELECTOR, ".chip").click()
    wait(d, "!document.getElementById('article').hidden", "the article")
    marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, "#article-text mark")]
    if " ".join(quote.split()) not in [" ".join(m.split()) for m in marks]:
        fail("the article marks %r, not the quote %r" % (marks, quote[:80]))
    if d.find_element(By.ID, "article-text").get_attribute("lang") != "vi":
        fail("the quoted article is not marked as Vietnamese")
    d.find_element(By.ID, "article-close").click()
    print("ok the citation chip opens the article at the quote")

    d.get(base + "#f=vsip_lang_son&lang=en")
    wait(d, "document.getElementById('panel-heading') && document.getElementById('panel-heading').textContent.indexOf('VSIP') >= 0",
         "VSIP's panel")
    text = panel_text(d)
    status_fact = d.execute_script(
        "const M = window.ATLAS_MODEL; return M.facts[M.features.vsip_lang_son.status.fact]")
    if "Groundbreaking scheduled" not in text:
        fail("VSIP's status is not shown as groundbreaking scheduled: %r" % text[:400])
    if " ".join(status_fact["text"]["en"].split()) not in " ".join(text.split()):
        fail("VSIP's status fact is not shown")
    if d.execute_script("return document.documentElement.lang") != "en":
        fail("the page's lang is not en")
    print("ok #f=vsip_lang_son&lang=en: groundbreaking scheduled, with its fact")

    # Back: select another feature through search, then Back returns to VSIP.
    box = d.find_element(By.ID, "search")
    box.send_keys("huu lung")
    d.find_element(By.CSS_SELECTOR, "#results .result").click()
    wait(d, "location.hash.indexOf('huu_lung') >= 0", "Hữu Lũng selected")
    d.back()
    wait(d, "location.hash.indexOf('vsip_lang_son') >= 0 && "
            "document.getElementById('panel-heading').textContent.indexOf('VSIP') >= 0",
         "Back to VSIP")
    print("ok Back returns to the previous selection")


def check_project(d, site, shots):
    base = "file://" + site + "/index.html"
    open_page(d, base)
    user = d.execute_script("return window.ATLAS_USER")
    if not user:
        fail("the project's layer is not in the page")
    legend = user[0]["legend"]
    colours = [[round(v) for v in rgb(c)] for (_, c) in legend]
    box = user[0]["data"]["features"]
    d.execute_script("AtlasMap.map.jumpTo({center: arguments[0], zoom: 11})",
                     box[0]["geometry"]["coordinates"][0][0])
    wait(d, "AtlasMap.map.loaded()", "the map after the jump")
    time.sleep(0.5)
    path = os.path.join(shots, "desk-project-layer.png")
    d.save_screenshot(path)
    counts = pixels_near(path, colours, 6)
    if min(counts) < 20:
        fail("the categorised layer's colours %s show %s pixels" % (colours, counts))
    print("ok the project's categorised layer in its colours: %s" % counts)
    tour = d.execute_script("return window.ATLAS_MODEL.tours[0]")
    step = tour["steps"][1]
    d.get(base + "#tour=1&step=2")
    wait(d, "document.body.dataset.ready === 'true' && document.querySelector('#panel-body .caption')", "the tour's step")
    text = " ".join(panel_text(d).split())
    if " ".join(step["caption"]["vi"].split()) not in text:
        fail("step 2's caption is not shown: %r" % text[:300])
    for line in step["sources"]["vi"].split("\n"):
        if line and " ".join(line.split()) not in text:
            fail("step 2's source %r is not shown" % line)
    time.sleep(2)
    d.save_screenshot(os.path.join(shots, "desk-tour-step2.png"))
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
    wait(d, "location.hash.indexOf('step=3') >= 0", "the arrow key to step 3")
    print("ok tour 1 step 2: caption and %d sources; the arrow key steps" % len(step["facts"]))


def check_phone(site, shots):
    d = driver(mobile=True)
    try:
        open_page(d, "file://" + site + "/index.html#f=huu_nghi")
        time.sleep(1.5)
        d.save_screenshot(os.path.join(shots, "phone-huu-nghi.png"))
        width = d.execute_script("return document.documentElement.scrollWidth")
        inner = d.execute_script("return window.innerWidth")
        map_width = d.execute_script("return document.getElementById('map').getBoundingClientRect().width")
        if width > inner:
            fail("the phone page scrolls sideways: %d > %d" % (width, inner))
        if map_width < 300:
            fail("the map is %d px wide on a phone" % map_width)
        # A swipe across the sheet steps the tour.
        open_page(d, "file://" + site + "/index.html#tour=1&step=1")
        y = d.execute_script("const r = document.getElementById('panel').getBoundingClientRect(); return r.top + 60")
        for kind, x in (("touchStart", 320), ("touchMove", 200), ("touchEnd", 80)):
            points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
            d.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
        wait(d, "location.hash.indexOf('step=2') >= 0", "a swipe to step 2")
        time.sleep(2.5)
        # The map flew to the step: the middle of its box is in view, and no fit failed.
        framed = d.execute_script(
            "const b = ATLAS_MODEL.tours[0].steps[1].bounds;"
            "return AtlasMap.map.getBounds().contains([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2])")
        if not framed:
            fail("the phone's map did not fly to step 2's box")
        unfit = [e for e in d.get_log("browser") if "cannot fit" in e["message"]]
        if unfit:
            fail("a fit failed on the phone: %s" % unfit)
        d.save_screenshot(os.path.join(shots, "phone-tour-step2.png"))
        open_page(d, "file://" + site + "/index.html")
        d.save_screenshot(os.path.join(shots, "phone-overview.png"))
        errors = console_errors(d)
        if errors:
            fail("console errors on the phone: %s" % errors)
        print("ok phone 390x844: no sideways scrolling, map %d px wide, a swipe steps the tour" % map_width)
    finally:
        d.quit()


def timing_only(site, runs):
    """The first map frame, `runs` times in a fresh browser each: from navigation start to
    MapLibre's `load` (every source drawn) and first `idle`."""
    loads, idles = [], []
    for _ in range(runs):
        d = driver()
        try:
            open_page(d, "file://" + site + "/index.html")
            t = d.execute_script("return window.atlasTiming")
            loads.append(t["load"])
            idles.append(t["idle"])
        finally:
            d.quit()
    loads.sort()
    idles.sort()
    print("TIMING median load-ms=%d idle-ms=%d (runs %d, load %s, idle %s)" % (
        loads[len(loads) // 2], idles[len(idles) // 2], runs,
        [round(x) for x in loads], [round(x) for x in idles]))


def main():
    if sys.argv[1] == "--timing":
        timing_only(os.path.abspath(sys.argv[2]), int(sys.argv[3]))
        return
    site = os.path.abspath(sys.argv[1])
    shots = os.path.abspath(sys.argv[2])
    os.makedirs(shots, exist_ok=True)
    project = "--project" in sys.argv
    d = driver()
    try:
        open_page(d, "file://" + site + "/index.html")
        timing = d.execute_script("return window.atlasTiming")
        nav = d.execute_script("return performance.timing.navigationStart")
        origin = d.execute_script("return performance.timeOrigin")
        print("TIMING first-idle-ms=%d load-ms=%d (origin lag %d)" % (
            timing["idle"], timing.get("load", -1), origin - nav))
        time.sleep(0.5)
        check_districts_drawn(d, shots)
        check_resources(d, site)
        check_search(d)
        check_click(d)
        errors = console_errors(d)
        if errors:
            fail("console errors: %s" % errors)
        print("ok no console errors")
        check_deep_links(d, site)
        if project:
            check_project(d, site, shots)
        errors = console_errors(d)
        if errors:
            fail("console errors: %s" % errors)
    finally:
        d.quit()
    check_phone(site, shots)
    print("ALL OK")


if __name__ == "__main__":
    main()
