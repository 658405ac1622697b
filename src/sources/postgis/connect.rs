//! Connecting with the SSL mode asked for: plain, TLS if offered, TLS unchecked (libpq's
//! `require`), or TLS with the certificate checked against the system's roots. TLS is
//! rustls with the `ring` provider the program already uses.

use super::source::{PgSource, SslMode};
use super::{PgError, classify};
use std::sync::Arc;
use std::time::Duration;

/// Seconds to wait for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(8);

fn config(source: &PgSource, password: Option<&str>) -> postgres::Config {
    let mut config = postgres::Config::new();
    config
        .host(&source.host)
        .port(source.port)
        .dbname(&source.dbname)
        .user(&source.user)
        .application_name("langson-atlas")
        .connect_timeout(CONNECT_TIMEOUT)
        .ssl_mode(match source.sslmode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyFull => postgres::config::SslMode::Require,
        });
    if let Some(p) = password {
        config.password(p);
    }
    config
}

/// Opens a connection to `source`'s database with `password` (else none).
pub fn connect(source: &PgSource, password: Option<&str>) -> Result<postgres::Client, PgError> {
    let uri = source.uri();
    let config = config(source, password);
    let result = match source.sslmode {
        SslMode::Disable => config.connect(postgres::NoTls),
        SslMode::Prefer | SslMode::Require => config.connect(tls(&uri, false)?),
        SslMode::VerifyFull => config.connect(tls(&uri, true)?),
    };
    result.map_err(|e| classify(&uri, &e))
}

fn tls(uri: &str, verify: bool) -> Result<tokio_postgres_rustls::MakeRustlsConnect, PgError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| PgError::Unreachable {
            uri: uri.to_owned(),
            why: format!("TLS: {e}"),
        })?;
    let config = if verify {
        let mut roots = rustls::RootCertStore::empty();
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
            .with_no_client_auth()
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// libpq's `require`: the link is encrypted, the certificate taken as it comes (signatures
/// on the handshake are still checked).
#[derive(Debug)]
struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
