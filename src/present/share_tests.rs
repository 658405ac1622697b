//! The share screen after the last step: when it comes, and when it goes.

use super::Presenter;
use crate::atlas::Atlas;
use crate::atlas::share::ShareUrl;
use crate::present::Command;
use crate::present::tour::Tour;

#[test]
fn the_share_screen_follows_the_last_step_only_when_an_address_is_set() {
    let (Ok(atlas), Ok(tour)) = (Atlas::embedded(), Tour::embedded()) else {
        panic!("the embedded atlas and tour load");
    };
    let last = tour.steps.len() - 1;
    let mut p = Presenter::new(tour, &atlas);
    p.start_at(last, 1.0, 0.0);
    p.command(Command::Next, 1.0);
    assert!(p.sharing().is_none(), "no address, no share screen");
    let Ok(url) = ShareUrl::parse("https://example.org/atlas/") else {
        panic!("an address");
    };
    p.set_share(Some(url.clone()));
    p.command(Command::Next, 2.0);
    assert_eq!(p.sharing(), Some(&url));
    p.command(Command::Next, 3.0);
    assert_eq!(p.sharing(), Some(&url), "it is the end");
    p.command(Command::Previous, 4.0);
    assert!(p.sharing().is_none());
    assert_eq!(p.presentation().map(|p| p.step), Some(last));
    p.command(Command::Next, 5.0);
    p.command(Command::First, 6.0);
    assert!(p.sharing().is_none());
    assert_eq!(p.presentation().map(|p| p.step), Some(0));
    // Autoplay shows it after the last step, then begins again.
    p.start_at(last, 1.0, 10.0);
    p.set_autoplay(true, 10.0);
    assert!(p.tick(1000.0));
    assert!(p.sharing().is_some());
    assert!(p.tick(2000.0));
    assert!(p.sharing().is_none());
    assert_eq!(p.presentation().map(|p| p.step), Some(0));
    // An address taken away takes the screen with it.
    p.start_at(last, 1.0, 3000.0);
    p.command(Command::Next, 3001.0);
    p.set_share(None);
    assert!(p.sharing().is_none());
}
