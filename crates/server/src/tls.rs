//! The HTTPS certificate: a configured one, or a development CA and server certificate
//! for 127.0.0.1 and localhost, created once in the data folder and reused.

use anyhow::{bail, Context, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File names of the development CA and server certificate in the data folder.
pub const DEV_CA_CERT: &str = "dev-ca.pem";
const DEV_CA_KEY: &str = "dev-ca-key.pem";
const DEV_SERVER_CERT: &str = "dev-server.pem";
const DEV_SERVER_KEY: &str = "dev-server-key.pem";

/// A certificate chain and key ready to serve, plus the development CA when one is used.
pub struct ServerIdentity {
    pub cert_path: PathBuf,
    pub key_path: PathBuf,
    /// Path and PEM of the development CA; `None` for a configured certificate.
    pub dev_ca: Option<(PathBuf, String)>,
}

/// Uses the configured certificate when both paths are set, else the development CA.
pub fn server_identity(
    cert: Option<&Path>,
    key: Option<&Path>,
    data_dir: &Path,
) -> Result<ServerIdentity> {
    match (cert, key) {
        (Some(cert), Some(key)) => Ok(ServerIdentity {
            cert_path: cert.to_path_buf(),
            key_path: key.to_path_buf(),
            dev_ca: None,
        }),
        (None, None) => ensure_dev_certificates(data_dir),
        _ => bail!("tls_cert and tls_key must be set together"),
    }
}

/// Builds the rustls configuration (ring provider, HTTP/1.1 and HTTP/2).
pub fn rustls_config(identity: &ServerIdentity) -> Result<Arc<rustls::ServerConfig>> {
    let chain = CertificateDer::pem_file_iter(&identity.cert_path)
        .with_context(|| format!("failed to read {}", identity.cert_path.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("invalid certificate in {}", identity.cert_path.display()))?;
    let key = PrivateKeyDer::from_pem_file(&identity.key_path)
        .with_context(|| format!("invalid private key in {}", identity.key_path.display()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn ensure_dev_certificates(data_dir: &Path) -> Result<ServerIdentity> {
    let ca_path = data_dir.join(DEV_CA_CERT);
    let files = [
        ca_path.clone(),
        data_dir.join(DEV_CA_KEY),
        data_dir.join(DEV_SERVER_CERT),
        data_dir.join(DEV_SERVER_KEY),
    ];
    if !files.iter().all(|file| file.exists()) {
        create_dev_certificates(data_dir)?;
    }
    let ca_pem = std::fs::read_to_string(&ca_path)
        .with_context(|| format!("failed to read {}", ca_path.display()))?;
    Ok(ServerIdentity {
        cert_path: data_dir.join(DEV_SERVER_CERT),
        key_path: data_dir.join(DEV_SERVER_KEY),
        dev_ca: Some((ca_path, ca_pem)),
    })
}

fn create_dev_certificates(data_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("failed to create {}", data_dir.display()))?;

    let ca_key = KeyPair::generate()?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.distinguished_name = name("jszg development CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca_params.self_signed(&ca_key)?;

    let server_key = KeyPair::generate()?;
    let mut server_params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])?;
    server_params.distinguished_name = name("jszg development server");
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_cert = server_params.signed_by(&server_key, &ca_cert, &ca_key)?;

    write_private(
        &data_dir.join(DEV_CA_KEY),
        ca_key.serialize_pem().as_bytes(),
    )?;
    write_private(
        &data_dir.join(DEV_SERVER_KEY),
        server_key.serialize_pem().as_bytes(),
    )?;
    std::fs::write(data_dir.join(DEV_SERVER_CERT), server_cert.pem())?;
    // The CA certificate is written last: its presence marks a complete set.
    std::fs::write(data_dir.join(DEV_CA_CERT), ca_cert.pem())?;
    tracing::info!(data_dir = %data_dir.display(), "created development CA and server certificate");
    Ok(())
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name
}

/// Writes a secret file readable only by its owner (on Unix).
pub fn write_private(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    let mut file = options
        .open(path)
        .with_context(|| format!("failed to create {}", path.display()))?;
    file.write_all(contents)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_certificates_are_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = server_identity(None, None, dir.path()).unwrap();
        let second = server_identity(None, None, dir.path()).unwrap();
        assert_eq!(first.dev_ca.unwrap().1, second.dev_ca.as_ref().unwrap().1);
        assert!(rustls_config(&second).is_ok());
    }

    #[test]
    fn half_configured_certificate_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        assert!(server_identity(Some(Path::new("a.pem")), None, dir.path()).is_err());
    }
}
