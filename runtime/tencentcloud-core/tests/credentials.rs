//! Credential sources, the default chain, caching refresh and Debug redaction. Environment
//! access goes through an injected `EnvLookup`, so no test touches the process environment.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tencentcloud_core::credentials::{
    EnvLookup, EnvironmentCredentials, ProfileFileCredentials, TccliCredentials,
};
use tencentcloud_core::{
    BoxFuture, CachingProvider, Config, Credential, CredentialsError, DefaultCredentialsChain,
    ProvideCredentials,
};

static SERVICE: tencentcloud_core::ServiceMeta = tencentcloud_core::ServiceMeta {
    service: "cvm",
    version: "2017-03-12",
    endpoint: "cvm.tencentcloudapi.com",
    regional_endpoints: &[],
    crate_name: "test",
    crate_version: "0",
};

fn env(vars: &[(&str, &str)]) -> EnvLookup {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    EnvLookup::from_fn(move |name| map.get(name).cloned())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn home_env(home: &Path, extra: &[(&str, &str)]) -> EnvLookup {
    let mut vars = vec![("HOME", home.to_str().unwrap())];
    vars.extend_from_slice(extra);
    env(&vars)
}

#[test]
fn environment_with_token() {
    let e = env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "envkey"),
        ("TENCENTCLOUD_SESSION_TOKEN", "envtoken"),
    ]);
    let c = EnvironmentCredentials::with_env(e).resolve().unwrap();
    assert_eq!(
        (c.secret_id(), c.secret_key(), c.token()),
        ("AKIDenv", "envkey", Some("envtoken"))
    );
}

#[test]
fn half_set_environment_is_an_error_not_skipped() {
    let e = env(&[("TENCENTCLOUD_SECRET_ID", "AKIDenv")]);
    let err = EnvironmentCredentials::with_env(e).resolve().unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }));
    assert!(err.to_string().contains("TENCENTCLOUD_SECRET_KEY"), "{err}");
}

#[test]
fn ini_profile_file_from_home() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nsecret_id = AKIDini\nsecret_key = inikey\n\n[prod]\nsecret_id = other\n",
    );
    let c = ProfileFileCredentials::with_env(home_env(dir.path(), &[]))
        .resolve()
        .unwrap();
    assert_eq!(
        (c.secret_id(), c.secret_key(), c.token()),
        ("AKIDini", "inikey", None)
    );
}

#[test]
fn ini_profile_file_from_env_variable_with_token() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("creds.ini");
    write(
        &file,
        "[default]\nsecret_id=AKIDx\nsecret_key=kx\ntoken=tx\n",
    );
    let e = env(&[("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap())]);
    let c = ProfileFileCredentials::with_env(e).resolve().unwrap();
    assert_eq!(c.token(), Some("tx"));
}

#[test]
fn named_credentials_file_that_does_not_exist_is_an_io_error() {
    let e = env(&[("TENCENTCLOUD_CREDENTIALS_FILE", "/nonexistent/tc-creds")]);
    let err = ProfileFileCredentials::with_env(e).resolve().unwrap_err();
    assert!(matches!(err, CredentialsError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("/nonexistent/tc-creds"));
}

#[test]
fn malformed_ini_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".tencentcloud/credentials");
    write(&file, "[default]\nsecret_id = AKID\nthis line is wrong\n");
    let err = ProfileFileCredentials::with_env(home_env(dir.path(), &[]))
        .resolve()
        .unwrap_err();
    assert!(err.to_string().contains("credentials:3"), "{err}");
}

#[test]
fn ini_without_secret_key_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nsecret_id = AKID\n",
    );
    let err = ProfileFileCredentials::with_env(home_env(dir.path(), &[]))
        .resolve()
        .unwrap_err();
    assert!(err.to_string().contains("secret key"), "{err}");
}

#[test]
fn tccli_profile_json_with_profile_variable() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tccli/work.credential"),
        r#"{"type": "secret", "secretId": "AKIDcli", "secretKey": "clikey", "token": "clitoken"}"#,
    );
    let e = home_env(dir.path(), &[("TCCLI_PROFILE", "work")]);
    let c = TccliCredentials::with_env(e).resolve().unwrap();
    assert_eq!(
        (c.secret_id(), c.secret_key(), c.token()),
        ("AKIDcli", "clikey", Some("clitoken"))
    );
}

#[test]
fn tccli_invalid_json_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tccli/default.credential"),
        "{\"secretId\": ",
    );
    let err = TccliCredentials::with_env(home_env(dir.path(), &[]))
        .resolve()
        .unwrap_err();
    assert!(err.to_string().contains("default.credential:1"), "{err}");
}

/// A chain that never leaves the machine: the metadata service is a closed loopback port
/// and the system-wide file is inside the test's directory.
fn offline_chain(home: &Path, extra: &[(&str, &str)]) -> DefaultCredentialsChain {
    DefaultCredentialsChain::new()
        .with_env(home_env(home, extra))
        .with_system_file(home.join("etc-tencentcloud-credentials"))
        .with_metadata_endpoint(common::closed_port_url())
}

#[tokio::test]
async fn chain_order_explicit_env_ini_tccli() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nsecret_id = AKIDini\nsecret_key = k\n",
    );
    write(
        &dir.path().join(".tccli/default.credential"),
        r#"{"secretId": "AKIDcli", "secretKey": "k"}"#,
    );
    let env_vars = [
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
    ];
    async fn id(chain: DefaultCredentialsChain) -> String {
        chain.resolve().await.unwrap().secret_id().to_owned()
    }
    let explicit =
        offline_chain(dir.path(), &env_vars).with_explicit(Credential::new("AKIDexplicit", "k"));
    assert_eq!(id(explicit).await, "AKIDexplicit");
    assert_eq!(id(offline_chain(dir.path(), &env_vars)).await, "AKIDenv");
    assert_eq!(id(offline_chain(dir.path(), &[])).await, "AKIDini");
    std::fs::remove_file(dir.path().join(".tencentcloud/credentials")).unwrap();
    assert_eq!(id(offline_chain(dir.path(), &[])).await, "AKIDcli");
}

#[tokio::test]
async fn empty_chain_lists_every_source_tried_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let err = offline_chain(dir.path(), &[]).resolve().await.unwrap_err();
    let CredentialsError::NotFound { tried } = &err else {
        panic!("expected NotFound, got {err:?}");
    };
    assert_eq!(tried.len(), 5, "{tried:?}");
    assert!(
        tried[0].starts_with("environment: TENCENTCLOUD_SECRET_ID"),
        "{tried:?}"
    );
    assert!(tried[1].contains(".tencentcloud/credentials"), "{tried:?}");
    assert!(
        tried[1].contains("etc-tencentcloud-credentials"),
        "{tried:?}"
    );
    assert!(
        tried[2].contains(".tccli/default.credential: no such file"),
        "{tried:?}"
    );
    assert!(
        tried[3].starts_with("CVM role (http://127.0.0.1:"),
        "{tried:?}"
    );
    assert!(
        tried[4].starts_with("TKE OIDC: TKE_PROVIDER_ID"),
        "{tried:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.starts_with("no credentials found; tried: environment"),
        "{shown}"
    );
}

#[test]
fn config_from_env_lookup_reads_region_and_credentials() {
    let e = env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
        ("TENCENTCLOUD_REGION", "ap-beijing"),
    ]);
    let config = Config::from_env_lookup(e).unwrap();
    assert_eq!(config.region(), Some("ap-beijing"));
}

/// A provider returning scripted results and counting calls.
#[derive(Debug)]
struct Scripted {
    calls: AtomicUsize,
    results: std::sync::Mutex<Vec<Result<Credential, CredentialsError>>>,
}

impl Scripted {
    fn new(mut results: Vec<Result<Credential, CredentialsError>>) -> Arc<Self> {
        results.reverse();
        Arc::new(Self {
            calls: AtomicUsize::new(0),
            results: std::sync::Mutex::new(results),
        })
    }
}

impl ProvideCredentials for Scripted {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let next = self
            .results
            .lock()
            .unwrap()
            .pop()
            .unwrap_or_else(|| Err(CredentialsError::Provider("script exhausted".into())));
        Box::pin(async move { next })
    }
}

fn temp(id: &str, expires_in: Duration) -> Credential {
    Credential::new(id, "k")
        .with_token("t")
        .with_expiry(SystemTime::now() + expires_in)
}

#[tokio::test]
async fn caching_provider_reuses_until_close_to_expiry() {
    let inner = Scripted::new(vec![
        Ok(temp("first", Duration::from_secs(3600))),
        Ok(temp("second", Duration::from_secs(3600))),
    ]);
    let cache = CachingProvider::new(inner.clone());
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "first"
    );
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "first"
    );
    assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn caching_provider_refreshes_before_expiry_in_the_background() {
    let inner = Scripted::new(vec![
        Ok(temp("first", Duration::from_secs(60))),
        Ok(temp("second", Duration::from_secs(3600))),
    ]);
    let cache = CachingProvider::new(inner.clone()).refresh_before(Duration::from_secs(300));
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "first"
    );
    // Due for refresh but still valid: served at once while the refresh runs.
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "first"
    );
    for _ in 0..100 {
        if inner.calls.load(Ordering::SeqCst) == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "second"
    );
    assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn expired_cache_makes_concurrent_callers_share_one_refresh() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let provider = tencentcloud_core::provide_credentials_fn(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(temp(&format!("sts-{n}"), Duration::from_secs(3600)))
        }
    });
    let cache = Arc::new(CachingProvider::new(provider));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let cache = Arc::clone(&cache);
            tokio::spawn(async move { cache.provide_credentials().await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap().secret_id(), "sts-0");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn hung_refresh_times_out_as_a_provider_error() {
    let provider = tencentcloud_core::provide_credentials_fn(std::future::pending);
    let cache = CachingProvider::new(provider).refresh_timeout(Duration::from_millis(50));
    let err = cache.provide_credentials().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Provider(_)), "{err:?}");
    assert!(err.to_string().contains("did not answer"), "{err}");
}

#[tokio::test]
async fn failed_refresh_keeps_still_valid_credentials() {
    let inner = Scripted::new(vec![
        Ok(temp("first", Duration::from_secs(60))),
        Err(CredentialsError::Provider("sts down".into())),
    ]);
    let cache = CachingProvider::new(inner.clone());
    cache.provide_credentials().await.unwrap();
    assert_eq!(
        cache.provide_credentials().await.unwrap().secret_id(),
        "first"
    );
}

#[tokio::test]
async fn failed_refresh_of_expired_credentials_is_an_error() {
    let expired =
        Credential::new("old", "k").with_expiry(SystemTime::now() - Duration::from_secs(1));
    let inner = Scripted::new(vec![
        Ok(expired),
        Err(CredentialsError::Provider("sts down".into())),
    ]);
    let cache = CachingProvider::new(inner);
    cache.provide_credentials().await.unwrap();
    let err = cache.provide_credentials().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Expired(_)), "{err:?}");
    assert!(err.to_string().contains("sts down"));
}

#[tokio::test]
async fn failing_provider_with_nothing_cached_returns_its_error() {
    let cache = CachingProvider::new(Scripted::new(vec![]));
    let err = cache.provide_credentials().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Provider(_)));
}

#[tokio::test]
async fn debug_of_every_credential_type_redacts_secrets() {
    let c = Credential::new("AKIDvisible", "SECRETKEYVALUE")
        .with_token("SESSIONTOKENVALUE")
        .with_expiry(SystemTime::now());
    let cache = CachingProvider::new(c.clone());
    cache.provide_credentials().await.unwrap(); // populate the cache
    let chain = DefaultCredentialsChain::new().with_explicit(c.clone());
    let config = Config::builder().credentials(c.clone()).build().unwrap();
    for dbg in [
        format!("{c:?}"),
        format!("{c:#?}"),
        format!("{chain:?}"),
        format!("{cache:?}"),
        format!(
            "{:?}",
            tencentcloud_core::Runtime::new(config.clone(), &SERVICE)
        ),
        format!("{config:?}"),
    ] {
        assert!(!dbg.contains("SECRETKEYVALUE"), "{dbg}");
        assert!(!dbg.contains("SESSIONTOKENVALUE"), "{dbg}");
    }
    assert!(format!("{c:?}").contains("SecretKey: ***"));
    // The cache really prints its (redacted) content.
    assert!(format!("{cache:?}").contains("AKIDvisible"));
}

#[tokio::test]
async fn closure_provider_behind_a_cache_is_called_once_per_lifetime() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let provider = tencentcloud_core::provide_credentials_fn(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move { Ok(temp(&format!("sts-{n}"), Duration::from_secs(3600))) }
    });
    let cache = CachingProvider::new(provider);
    for _ in 0..3 {
        assert_eq!(
            cache.provide_credentials().await.unwrap().secret_id(),
            "sts-0"
        );
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
