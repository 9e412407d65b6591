//! The HTTPS register adapter against a fake register served over mutual TLS on
//! 127.0.0.1.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use jszg_server::register::{
    HttpsRegister, HttpsRegisterConfig, IdentityRegister, RegisterDocument, RegisterError,
    RegisterQuery, RegisterVerdict,
};
use rcgen::{BasicConstraints, CertificateParams, ExtendedKeyUsagePurpose, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

const USERNAME: &str = "jszg";
const PASSWORD: &str = "register-secret";

/// How the fake register behaves.
#[derive(Clone, Copy)]
enum Behaviour {
    Normal,
    /// Answers 503 to this many requests before answering normally.
    UnavailableFirst(usize),
    /// Waits this long before answering.
    Slow(Duration),
    /// Answers 500 to every request.
    Broken,
}

struct FakeRegister {
    behaviour: Behaviour,
    requests: AtomicUsize,
}

async fn answer(
    State(fake): State<Arc<FakeRegister>>,
    headers: HeaderMap,
    Json(query): Json<serde_json::Value>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    let seen = fake.requests.fetch_add(1, Ordering::SeqCst);
    let expected = format!("Basic {}", base64_credentials());
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return Err(StatusCode::UNAUTHORIZED);
    }
    match fake.behaviour {
        Behaviour::UnavailableFirst(count) if seen < count => {
            return Err(StatusCode::SERVICE_UNAVAILABLE)
        }
        Behaviour::Slow(delay) => tokio::time::sleep(delay).await,
        Behaviour::Broken => return Err(StatusCode::INTERNAL_SERVER_ERROR),
        _ => {}
    }
    let result = match (
        query["document_type"].as_str(),
        query["document_number"].as_str(),
        query["name"].as_str(),
    ) {
        (Some("resident_id_card"), Some("440304199003074537"), Some("陈志强")) => "match",
        (Some("resident_id_card"), Some("440304199003074537"), Some(_)) => "mismatch",
        _ => "no_record",
    };
    Ok(Json(serde_json::json!({ "result": result })))
}

fn base64_credentials() -> String {
    // "jszg:register-secret" in standard base64.
    "anN6ZzpyZWdpc3Rlci1zZWNyZXQ=".to_string()
}

/// Certificates for one test: a CA, the register's server certificate for 127.0.0.1
/// and the client certificate of the jszg server, written to a temporary folder.
struct Pki {
    folder: TempDir,
    ca_der: CertificateDer<'static>,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
}

impl Pki {
    fn create() -> Pki {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();

        let server_key = KeyPair::generate().unwrap();
        let server_params = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let server = server_params.signed_by(&server_key, &ca, &ca_key).unwrap();

        let client_key = KeyPair::generate().unwrap();
        let mut client_params = CertificateParams::new(vec!["jszg-server".to_string()]).unwrap();
        client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let client = client_params.signed_by(&client_key, &ca, &ca_key).unwrap();

        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("ca.pem"), ca.pem()).unwrap();
        let identity = format!("{}{}", client.pem(), client_key.serialize_pem());
        std::fs::write(folder.path().join("client.pem"), identity).unwrap();
        let server_key_der = PrivatePkcs8KeyDer::from(server_key.serialize_der());
        Pki {
            folder,
            ca_der: ca.der().clone(),
            server_chain: vec![server.der().clone()],
            server_key: PrivateKeyDer::Pkcs8(server_key_der),
        }
    }

    fn config(&self, url: &str) -> HttpsRegisterConfig {
        let mut config = HttpsRegisterConfig::new(url, USERNAME, PASSWORD);
        config.client_identity_pem = Some(self.folder.path().join("client.pem"));
        config.ca_pem = Some(self.folder.path().join("ca.pem"));
        config.request_timeout = Duration::from_millis(800);
        config.retry_backoff = Duration::from_millis(10);
        config
    }
}

/// Starts the fake register on a free port; the task ends with the test's runtime.
async fn start_fake(pki: &Pki, behaviour: Behaviour) -> (String, Arc<FakeRegister>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki.ca_der.clone()).unwrap();
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .unwrap();
    let tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));

    let fake = Arc::new(FakeRegister {
        behaviour,
        requests: AtomicUsize::new(0),
    });
    let router = Router::new()
        .route("/verify", post(answer))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}/verify", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let service = TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                let _ = builder.serve_connection(TokioIo::new(tls), service).await;
            });
        }
    });
    (url, fake)
}

fn query(name: &str) -> RegisterQuery {
    RegisterQuery {
        document: RegisterDocument::ResidentIdCard,
        number: "440304199003074537".to_string(),
        name: name.to_string(),
    }
}

#[tokio::test]
async fn answers_each_verdict_over_mutual_tls() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::Normal).await;
    let register = HttpsRegister::new(pki.config(&url)).unwrap();
    assert_eq!(
        register.verify(&query("陈志强")).await.unwrap(),
        RegisterVerdict::Match
    );
    assert_eq!(
        register.verify(&query("陈志")).await.unwrap(),
        RegisterVerdict::Mismatch
    );
    let mut unknown = query("陈志强");
    unknown.number = "110105194912310000".to_string();
    assert_eq!(
        register.verify(&unknown).await.unwrap(),
        RegisterVerdict::NoRecord
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn retries_service_unavailable() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::UnavailableFirst(2)).await;
    let register = HttpsRegister::new(pki.config(&url)).unwrap();
    assert_eq!(
        register.verify(&query("陈志强")).await.unwrap(),
        RegisterVerdict::Match
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn gives_up_after_max_attempts() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::UnavailableFirst(10)).await;
    let register = HttpsRegister::new(pki.config(&url)).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(
        matches!(outcome, Err(RegisterError::Unavailable(_))),
        "{outcome:?}"
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn server_error_is_not_retried() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::Broken).await;
    let register = HttpsRegister::new(pki.config(&url)).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(
        matches!(outcome, Err(RegisterError::Unavailable(_))),
        "{outcome:?}"
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn wrong_credentials_are_rejected_once() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::Normal).await;
    let mut config = pki.config(&url);
    config.password = "wrong".to_string();
    let register = HttpsRegister::new(config).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(
        matches!(outcome, Err(RegisterError::Rejected(_))),
        "{outcome:?}"
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn timeout_after_sending_is_not_retried() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::Slow(Duration::from_secs(5))).await;
    let mut config = pki.config(&url);
    config.request_timeout = Duration::from_millis(300);
    let register = HttpsRegister::new(config).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(
        matches!(outcome, Err(RegisterError::TimedOut)),
        "{outcome:?}"
    );
    assert_eq!(fake.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn client_without_certificate_is_turned_away() {
    let pki = Pki::create();
    let (url, fake) = start_fake(&pki, Behaviour::Normal).await;
    let mut config = pki.config(&url);
    config.client_identity_pem = None;
    let register = HttpsRegister::new(config).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(fake.requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn refused_connection_is_unavailable() {
    let pki = Pki::create();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}/verify", listener.local_addr().unwrap());
    drop(listener);
    let register = HttpsRegister::new(pki.config(&url)).unwrap();
    let outcome = register.verify(&query("陈志强")).await;
    assert!(
        matches!(outcome, Err(RegisterError::Unavailable(_))),
        "{outcome:?}"
    );
}
