//! Where a PostGIS layer is: server, database, user, SSL mode and table, as a libpq URI
//! (`postgresql://USER@HOST:PORT/DB?table=SCHEMA.NAME&column=geom&sslmode=prefer`). The
//! password is never part of it: it comes from the dialog, `PGPASSWORD` or `~/.pgpass`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SslMode {
    Disable,
    /// TLS when the server offers it, else plain (libpq's default).
    #[default]
    Prefer,
    /// TLS, the server's certificate not checked (libpq's `require`).
    Require,
    /// TLS with the certificate checked against the system's roots and the host name.
    VerifyFull,
}

impl SslMode {
    pub const ALL: [SslMode; 4] = [
        SslMode::Disable,
        SslMode::Prefer,
        SslMode::Require,
        SslMode::VerifyFull,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn parse(text: &str) -> Option<SslMode> {
        SslMode::ALL.into_iter().find(|m| m.name() == text)
    }
}

/// A table (or view) by schema and name, as the server spells them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableName {
    pub schema: String,
    pub name: String,
}

impl std::fmt::Display for TableName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// A PostGIS layer's source, without its password.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PgSource {
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
    #[serde(default)]
    pub sslmode: SslMode,
    pub table: TableName,
    /// The geometry column, when the table has more than one.
    #[serde(default)]
    pub column: Option<String>,
}

/// A URI that is not a PostGIS source.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{uri}: {why}")]
pub struct UriError {
    pub uri: String,
    pub why: String,
}

/// `%XX` escapes of a URI part undone (a `+` stays a plus: libpq's URIs are not forms).
fn unescape(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `schema.name`, either part in double quotes when it holds a dot (`"a.b"."c"`); a bare
/// name is in `public`.
fn table_name(text: &str) -> Option<TableName> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            // Inside quotes a doubled quote is one quote, as in SQL.
            let mut part = String::new();
            let mut chars = quoted.char_indices().peekable();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c != '"' {
                    part.push(c);
                } else if chars.peek().is_some_and(|(_, n)| *n == '"') {
                    part.push('"');
                    chars.next();
                } else {
                    end = Some(i);
                    break;
                }
            }
            parts.push(part);
            rest = &quoted[end? + 1..];
        } else {
            let end = rest.find('.').unwrap_or(rest.len());
            parts.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    match parts.as_slice() {
        [name] if !name.is_empty() => Some(TableName {
            schema: "public".to_owned(),
            name: name.clone(),
        }),
        [schema, name] if !name.is_empty() => Some(TableName {
            schema: schema.clone(),
            name: name.clone(),
        }),
        _ => None,
    }
}

impl PgSource {
    /// Reads `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB?table=…[&column=…][&sslmode=…]`;
    /// a password in it is handed back apart, never kept with the source.
    pub fn parse(uri: &str) -> Result<(PgSource, Option<String>), UriError> {
        let fail = |why: &str| UriError {
            uri: PgSource::redacted(uri),
            why: why.to_owned(),
        };
        if !(uri.starts_with("postgresql://") || uri.starts_with("postgres://")) {
            return Err(fail("not a postgresql:// address"));
        }
        // The url crate reads the authority (user, password, an IPv6 host in brackets, the
        // port) as RFC 3986 says; libpq's URIs follow it.
        let parsed = url::Url::parse(uri).map_err(|e| {
            if e == url::ParseError::InvalidPort {
                fail("the port is not a number")
            } else {
                fail(&format!("not a valid address ({e})"))
            }
        })?;
        let user = unescape(parsed.username());
        let password = parsed.password().map(unescape).filter(|p| !p.is_empty());
        let host = match parsed.host() {
            Some(url::Host::Ipv6(address)) => address.to_string(),
            Some(url::Host::Ipv4(address)) => address.to_string(),
            Some(url::Host::Domain(name)) => unescape(name),
            None => String::new(),
        };
        let port = parsed.port().unwrap_or(5432);
        let dbname = parsed.path().trim_start_matches('/');
        let query = parsed.query().unwrap_or("");
        let mut source = PgSource {
            host: if host.is_empty() {
                "localhost".to_owned()
            } else {
                host
            },
            port,
            dbname: unescape(dbname),
            user,
            sslmode: SslMode::default(),
            table: TableName {
                schema: String::new(),
                name: String::new(),
            },
            column: None,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = unescape(value);
            match key {
                "table" => {
                    source.table = table_name(&value)
                        .ok_or_else(|| fail("table= names no table (SCHEMA.NAME)"))?
                }
                "column" => source.column = Some(value),
                "sslmode" => {
                    source.sslmode = SslMode::parse(&value).ok_or_else(|| {
                        fail("sslmode is one of disable, prefer, require, verify-full")
                    })?
                }
                "user" => source.user = value,
                "dbname" => source.dbname = value,
                _ => {}
            }
        }
        if source.table.name.is_empty() {
            return Err(fail("it names no table: add ?table=SCHEMA.NAME"));
        }
        if source.dbname.is_empty() {
            return Err(fail("it names no database"));
        }
        if source.user.is_empty() {
            source.user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".to_owned());
        }
        Ok((source, password))
    }

    /// The source as a URI, without a password: what messages, lists and projects show.
    pub fn uri(&self) -> String {
        let quote = |part: &str| {
            if part.contains('.') || part.contains('"') {
                format!("\"{}\"", part.replace('"', "\"\""))
            } else {
                part.to_owned()
            }
        };
        let mut uri = format!(
            "postgresql://{}@{}:{}/{}?table={}",
            escape(&self.user),
            self.host,
            self.port,
            escape(&self.dbname),
            escape(&format!(
                "{}.{}",
                quote(&self.table.schema),
                quote(&self.table.name)
            )),
        );
        if self.table.name.is_empty() {
            // A login alone (the dialog's listing): no table to name.
            if let Some(at) = uri.find("?table=") {
                uri.truncate(at);
            }
        }
        if let Some(column) = &self.column {
            uri.push_str(&format!("&column={}", escape(column)));
        }
        if self.sslmode != SslMode::default() {
            uri.push_str(&format!("&sslmode={}", self.sslmode.name()));
        }
        uri
    }

    /// A URI as typed, its password (if any) hidden.
    pub fn redacted(uri: &str) -> String {
        match (uri.find("://"), uri.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                let userinfo = &uri[scheme + 3..at];
                match userinfo.split_once(':') {
                    Some((user, _)) => format!("{}{user}:***{}", &uri[..scheme + 3], &uri[at..]),
                    None => uri.to_owned(),
                }
            }
            _ => uri.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_gives_its_parts_and_its_password_apart() {
        let Ok((s, password)) = PgSource::parse(
            "postgresql://lan:b%C3%AD%20m%E1%BA%ADt@db.langson.local:5433/quyhoach?table=gis.%22l%C3%B4.%C4%91%E1%BA%A5t%22&sslmode=require",
        ) else {
            panic!("parses");
        };
        assert_eq!(password.as_deref(), Some("bí mật"));
        assert_eq!((s.host.as_str(), s.port), ("db.langson.local", 5433));
        assert_eq!(s.table.schema, "gis");
        assert_eq!(s.table.name, "lô.đất");
        assert_eq!(s.sslmode, SslMode::Require);
        assert!(!s.uri().contains("mật"), "{}", s.uri());
        assert_eq!(PgSource::parse(&s.uri()).map(|(t, _)| t), Ok(s));
    }

    #[test]
    fn an_ipv6_host_in_brackets_and_no_port_reads_with_the_default_port() {
        let Ok((s, password)) = PgSource::parse("postgresql://ana@[::1]/quy_hoach?table=thua_dat")
        else {
            panic!("an IPv6 address without a port is a valid source");
        };
        assert_eq!((s.host.as_str(), s.port), ("::1", 5432));
        assert_eq!((s.user.as_str(), s.dbname.as_str()), ("ana", "quy_hoach"));
        assert_eq!(s.table.name, "thua_dat");
        assert_eq!(password, None);
        let Ok((s, _)) = PgSource::parse("postgresql://ana@[::1]:6543/db?table=a%2Bb") else {
            panic!("an IPv6 address with a port is a valid source");
        };
        assert_eq!((s.host.as_str(), s.port), ("::1", 6543));
        assert_eq!(s.table.name, "a+b", "a plus is a plus, as libpq reads it");
        assert!(PgSource::parse("postgresql://ana@[::1]:port/db?table=t").is_err());
    }

    #[test]
    fn a_uri_without_a_table_or_a_database_says_so() {
        let err = PgSource::parse("postgresql://u:pw@h/db").map(|_| ());
        assert!(err.is_err_and(|e| e.why.contains("table") && !e.uri.contains("pw")));
        assert!(PgSource::parse("postgresql://u@h?table=t").is_err());
    }
}
