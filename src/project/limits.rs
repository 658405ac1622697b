//! What a project's zip may make the program unpack, held while the bytes are read: a
//! project comes from someone else.

use super::Refusal;
use std::io::{Read, Write};

/// The most a project's zip may make the program unpack: a project comes from someone
/// else, and a small file can inflate to gigabytes (a zip bomb) or hold millions of
/// entries. A real project with its data fits in these with room to spare: a planner's
/// embedded shapefiles run to hundreds of megabytes, a manifest to a few hundred
/// kilobytes. Every cap holds while the bytes are read, whatever sizes the zip declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Entries in the zip.
    pub entries: usize,
    /// Bytes one entry may unpack to.
    pub entry: u64,
    /// Bytes all the entries unpacked may come to.
    pub total: u64,
    /// Bytes of `project.json`, which is held in memory to be parsed.
    pub manifest: u64,
}

impl Caps {
    /// What [`read`] allows.
    pub const PROJECT: Caps = Caps {
        entries: 10_000,
        entry: 2 << 30,
        total: 4 << 30,
        manifest: 64 << 20,
    };
}

/// What has been unpacked so far, against the caps.
pub(super) struct Budget {
    pub(super) caps: Caps,
    left: u64,
}

impl Budget {
    pub(super) fn new(caps: Caps) -> Self {
        Budget {
            caps,
            left: caps.total,
        }
    }

    /// Copies the entry `name` from `from` into `to`, at most `own` bytes of it and at
    /// most what is left of the total. The zip's declared size is not trusted: one byte
    /// past the cap is read, never more, so memory and disk stay bounded when it lies.
    pub(super) fn copy(
        &mut self,
        name: &str,
        own: u64,
        from: &mut dyn Read,
        to: &mut dyn Write,
    ) -> Result<u64, Fault> {
        let limit = own.min(self.left);
        let read = copy_at_most(from, to, limit).map_err(|_| Fault::Io)?;
        if read > limit {
            return Err(Fault::Refused(if own <= self.left {
                Refusal::EntryTooLarge {
                    entry: name.to_owned(),
                    limit: own,
                }
            } else {
                Refusal::TooLargeInTotal {
                    limit: self.caps.total,
                }
            }));
        }
        self.left -= read;
        Ok(read)
    }
}

/// Why an entry was not unpacked: the project is refused, or this entry is unreadable.
pub(super) enum Fault {
    Refused(Refusal),
    Io,
}

/// Copies `from` into `to` up to one byte past `limit`, and no further: how many bytes
/// were copied (more than `limit` means there was more).
pub(super) fn copy_at_most(
    from: &mut dyn Read,
    to: &mut dyn Write,
    limit: u64,
) -> std::io::Result<u64> {
    std::io::copy(&mut from.take(limit.saturating_add(1)), to)
}
