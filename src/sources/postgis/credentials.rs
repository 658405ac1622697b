//! A PostGIS source's password, which is never part of the source: the one typed in this
//! run (kept in memory only), else `PGPASSWORD`, else `~/.pgpass` (or `PGPASSFILE`).

use super::source::PgSource;

/// Passwords typed in this run, by source: kept in memory only, never written.
static PASSWORDS: std::sync::Mutex<Vec<(PgSource, String)>> = std::sync::Mutex::new(Vec::new());

/// Remembers the password typed for `source` until the program ends.
pub fn remember_password(source: &PgSource, password: &str) {
    if let Ok(mut known) = PASSWORDS.lock() {
        known.retain(|(s, _)| !same_login(s, source));
        known.push((source.clone(), password.to_owned()));
    }
}

fn same_login(a: &PgSource, b: &PgSource) -> bool {
    (&a.host, a.port, &a.dbname, &a.user) == (&b.host, b.port, &b.dbname, &b.user)
}

/// The password for `source`: one given in its URI, one typed in this run, else
/// `PGPASSWORD` or `~/.pgpass`.
pub fn password_for(source: &PgSource, given: Option<&str>) -> Option<String> {
    let typed = PASSWORDS.lock().ok().and_then(|known| {
        known
            .iter()
            .find(|(s, _)| same_login(s, source))
            .map(|(_, p)| p.clone())
    });
    source.password(given.or(typed.as_deref()))
}

impl PgSource {
    /// The password: the one given, else `PGPASSWORD`, else the first matching line of
    /// `~/.pgpass` (or `PGPASSFILE`).
    pub fn password(&self, given: Option<&str>) -> Option<String> {
        if let Some(p) = given.filter(|p| !p.is_empty()) {
            return Some(p.to_owned());
        }
        if let Ok(p) = std::env::var("PGPASSWORD") {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(std::path::PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
        let text = std::fs::read_to_string(file).ok()?;
        self.from_pgpass(&text)
    }

    /// The password `~/.pgpass`'s text gives this source (`host:port:db:user:password`,
    /// `*` matching anything, `\:` a colon).
    pub fn from_pgpass(&self, text: &str) -> Option<String> {
        let port = self.port.to_string();
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .find_map(|line| {
                let fields = split_pgpass(line);
                let [host, p, db, user, password] = fields.as_slice() else {
                    return None;
                };
                let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
                (matches(host, &self.host)
                    && matches(p, &port)
                    && matches(db, &self.dbname)
                    && matches(user, &self.user))
                .then(|| password.clone())
            })
    }
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), fields.last_mut()) {
                    last.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escaped_colons() {
        let Ok((s, _)) = PgSource::parse("postgresql://lan@127.0.0.1:5432/atlas?table=t") else {
            panic!("parses");
        };
        let text = "# comment\nother:5432:atlas:lan:no\n127.0.0.1:*:atlas:lan:a\\:b\n";
        assert_eq!(s.from_pgpass(text).as_deref(), Some("a:b"));
    }
}
