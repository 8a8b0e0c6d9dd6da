//! Credential providers that use the network, against loopback mocks: the CVM metadata
//! service (`common::MetadataMock`), STS `AssumeRole` on the signature-checking `MockServer`,
//! and `AssumeRoleWithWebIdentity` on the in-process `MockTransport`; plus the chain's file
//! sources that lead to them (INI `role_arn`, tccli `cvm-role` / `role-arn` / `oauth`).

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{closed_port_url, MetadataMock, TestError, DESCRIBE, SERVICE};
use serde_json::{json, Value};
use tencentcloud_core::credentials::{
    AssumeRoleProvider, CvmRoleProvider, EnvLookup, ProfileFileCredentials, TccliCredentials,
    WebIdentityProvider,
};
use tencentcloud_core::test_util::{test_credentials, MockServer, MockTransport};
use tencentcloud_core::{
    CachingProvider, Config, ConfigError, Credential, CredentialsError, DefaultCredentialsChain,
    ProvideCredentials, Runtime,
};

const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/deploy";

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

fn unix_in(secs: u64) -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + secs
}

fn chain(home: &Path, vars: &[(&str, &str)], metadata: &str) -> DefaultCredentialsChain {
    let mut all = vec![("HOME", home.to_str().unwrap())];
    all.extend_from_slice(vars);
    DefaultCredentialsChain::new()
        .with_env(env(&all))
        .with_system_file(home.join("no-system-file"))
        .with_metadata_endpoint(metadata)
}

/// The metadata service of an instance with role `deploy` whose keys expire in `secs`.
async fn metadata(secs: u64) -> MetadataMock {
    let keys = json!({
        "TmpSecretId": "AKIDcvmrole",
        "TmpSecretKey": "cvm-secret",
        "Token": "cvm-token",
        "ExpiredTime": unix_in(secs),
        "Expiration": "2030-01-01T00:00:00Z",
        "Code": "Success"
    });
    MetadataMock::start(vec![
        (String::new(), 200, "deploy".to_owned()),
        ("deploy".to_owned(), 200, keys.to_string()),
    ])
    .await
}

#[tokio::test]
async fn cvm_role_reads_the_role_name_then_its_temporary_keys() {
    let mock = metadata(7200).await;
    let provider = CvmRoleProvider::new().with_endpoint(mock.endpoint.clone());
    let c = provider.provide_credentials().await.unwrap();
    assert_eq!(
        (c.secret_id(), c.secret_key(), c.token()),
        ("AKIDcvmrole", "cvm-secret", Some("cvm-token"))
    );
    let left = c
        .expires_at()
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(left > Duration::from_secs(7000), "{left:?}");
    assert_eq!(mock.hits(), vec!["".to_owned(), "deploy".to_owned()]);
}

#[tokio::test]
async fn cvm_role_keys_are_refreshed_before_expiry_and_the_role_name_is_kept() {
    // Keys valid for 100 s, inside the 300 s refresh margin: every call triggers a refresh.
    let mock = metadata(100).await;
    let provider = CvmRoleProvider::new().with_endpoint(mock.endpoint.clone());
    let cache = CachingProvider::new(provider);
    cache.provide_credentials().await.unwrap();
    cache.provide_credentials().await.unwrap();
    for _ in 0..100 {
        if mock.hits().len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        mock.hits(),
        vec!["".to_owned(), "deploy".to_owned(), "deploy".to_owned()]
    );
}

#[tokio::test]
async fn cvm_role_failure_code_is_a_provider_error() {
    let mock = MetadataMock::start(vec![
        (String::new(), 200, "deploy".to_owned()),
        (
            "deploy".to_owned(),
            200,
            json!({"Code": "Failed"}).to_string(),
        ),
    ])
    .await;
    let err = CvmRoleProvider::new()
        .with_endpoint(mock.endpoint.clone())
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Provider(_)), "{err:?}");
    assert!(err.to_string().contains("Failed"), "{err}");
}

#[tokio::test]
async fn instance_without_a_role_is_skipped_by_the_chain() {
    let mock = MetadataMock::start(vec![]).await; // 404 for everything
    let dir = tempfile::tempdir().unwrap();
    let err = chain(dir.path(), &[], &mock.endpoint)
        .resolve()
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("no role is bound to this instance"),
        "{err}"
    );
}

#[tokio::test]
async fn chain_falls_back_to_the_cvm_role_and_uses_it_in_a_signed_call() {
    let mock = metadata(7200).await;
    let dir = tempfile::tempdir().unwrap();
    let chain = chain(dir.path(), &[], &mock.endpoint);
    let c = chain.resolve().await.unwrap();
    assert_eq!(c.secret_id(), "AKIDcvmrole");
    assert_eq!(chain.selected_source().as_deref(), Some("CVM role deploy"));
}

#[tokio::test]
async fn tccli_cvm_role_type_uses_the_metadata_service() {
    let mock = metadata(7200).await;
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tccli/default.credential"),
        r#"{"type": "cvm-role"}"#,
    );
    let chain = chain(dir.path(), &[], &mock.endpoint);
    assert_eq!(chain.resolve().await.unwrap().secret_id(), "AKIDcvmrole");
    assert!(chain
        .selected_source()
        .unwrap()
        .ends_with(".tccli/default.credential"));
}

fn sts_reply(id: &str) -> Value {
    json!({
        "Credentials": {"Token": "sts-token", "TmpSecretId": id, "TmpSecretKey": "sts-secret"},
        "ExpiredTime": unix_in(7200),
        "Expiration": "2030-01-01T00:00:00Z"
    })
}

#[tokio::test]
async fn assume_role_is_a_signed_sts_call_through_the_runtime() {
    let server = MockServer::start().await.unwrap();
    server.respond("AssumeRole", sts_reply("AKIDassumed"));
    let provider = AssumeRoleProvider::builder(ROLE_ARN)
        .base_credentials(test_credentials())
        .session_name("ci-run")
        .duration(Duration::from_secs(900))
        .policy(r#"{"version":"2.0","statement":[{"effect":"allow","action":["cvm:Describe*"],"resource":"*"}]}"#)
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let c = provider.provide_credentials().await.unwrap();
    assert_eq!(
        (c.secret_id(), c.secret_key(), c.token()),
        ("AKIDassumed", "sts-secret", Some("sts-token"))
    );
    assert!(c.expires_at().is_some());
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.action, "AssumeRole");
    assert_eq!(r.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    assert!(r
        .header("authorization")
        .unwrap()
        .contains("/sts/tc3_request"));
    let body = r.json().unwrap();
    assert_eq!(body["RoleArn"], ROLE_ARN);
    assert_eq!(body["RoleSessionName"], "ci-run");
    assert_eq!(body["DurationSeconds"], 900);
    // STS wants the policy URL-encoded.
    let policy = body["Policy"].as_str().unwrap();
    assert!(
        policy.starts_with("%7B%22version%22%3A%222.0%22"),
        "{policy}"
    );
}

#[tokio::test]
async fn assume_role_error_names_the_role_and_the_sts_code() {
    let server = MockServer::start().await.unwrap();
    server.respond_with(
        "AssumeRole",
        tencentcloud_core::test_util::MockReply::error("InvalidParameter.RoleNotExist", "no role"),
    );
    let provider = AssumeRoleProvider::builder(ROLE_ARN)
        .base_credentials(test_credentials())
        .endpoint(server.endpoint())
        .build()
        .unwrap();
    let err = provider.provide_credentials().await.unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains(ROLE_ARN) && shown.contains("RoleNotExist"),
        "{shown}"
    );
}

#[tokio::test]
async fn ini_role_arn_profile_assumes_the_role_and_calls_go_out_with_its_keys() {
    let sts = MockServer::start().await.unwrap();
    sts.respond("AssumeRole", sts_reply("AKIDfromrole"));
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        &format!(
            "[default]\nsecret_id = other\nsecret_key = other\n\n[deploy]\nsecret_id = {}\nsecret_key = {}\nrole_arn = {ROLE_ARN}\nrole_session_name = from-ini\nregion = ap-shanghai\n",
            tencentcloud_core::test_util::TEST_SECRET_ID,
            tencentcloud_core::test_util::TEST_SECRET_KEY,
        ),
    );
    let chain = chain(
        dir.path(),
        &[("TENCENTCLOUD_PROFILE", "deploy")],
        &closed_port_url(),
    )
    .with_sts_endpoint(sts.endpoint());
    assert_eq!(chain.region().unwrap().unwrap().0, "ap-shanghai");
    let c = chain.resolve().await.unwrap();
    assert_eq!(
        (c.secret_id(), c.token()),
        ("AKIDfromrole", Some("sts-token"))
    );
    let body = sts.requests()[0].json().unwrap();
    assert_eq!(body["RoleSessionName"], "from-ini");
    let shown = format!("{chain:?}");
    assert!(shown.contains("AssumeRoleProvider"), "{shown}");
    assert!(
        !shown.contains(tencentcloud_core::test_util::TEST_SECRET_KEY),
        "{shown}"
    );

    // A whole call: the API sees the assumed keys and the STS token.
    let api = MockServer::start_with(
        Credential::new("AKIDfromrole", "sts-secret").with_token("sts-token"),
    )
    .await
    .unwrap();
    api.respond("DescribeInstances", json!({"TotalCount": 0}));
    let config = Config::builder_from_chain(chain)
        .unwrap()
        .endpoint(api.endpoint())
        .allow_http(true)
        .build()
        .unwrap();
    assert_eq!(config.region(), Some("ap-shanghai"));
    Runtime::new(config, &SERVICE)
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    let r = &api.requests()[0];
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.header("x-tc-token"), Some("sts-token"));
}

#[tokio::test]
async fn tccli_role_arn_file_assumes_the_role() {
    let sts = MockServer::start().await.unwrap();
    sts.respond("AssumeRole", sts_reply("AKIDtccli-role"));
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tccli/default.credential"),
        &json!({
            "secretId": tencentcloud_core::test_util::TEST_SECRET_ID,
            "secretKey": tencentcloud_core::test_util::TEST_SECRET_KEY,
            "role-arn": ROLE_ARN,
            "role-session-name": "tccli-session"
        })
        .to_string(),
    );
    let c = chain(dir.path(), &[], &closed_port_url())
        .with_sts_endpoint(sts.endpoint())
        .resolve()
        .await
        .unwrap();
    assert_eq!(c.secret_id(), "AKIDtccli-role");
    assert_eq!(
        sts.requests()[0].json().unwrap()["RoleSessionName"],
        "tccli-session"
    );
}

#[tokio::test]
async fn environment_keys_with_tccli_role_variables_assume_the_role() {
    let sts = MockServer::start().await.unwrap();
    sts.respond("AssumeRole", sts_reply("AKIDenv-role"));
    let dir = tempfile::tempdir().unwrap();
    let vars = [
        (
            "TENCENTCLOUD_SECRET_ID",
            tencentcloud_core::test_util::TEST_SECRET_ID,
        ),
        (
            "TENCENTCLOUD_SECRET_KEY",
            tencentcloud_core::test_util::TEST_SECRET_KEY,
        ),
        ("TENCENTCLOUD_ROLE_ARN", ROLE_ARN),
        ("TENCENTCLOUD_ROLE_SESSION_NAME", "env-session"),
    ];
    let c = chain(dir.path(), &vars, &closed_port_url())
        .with_sts_endpoint(sts.endpoint())
        .resolve()
        .await
        .unwrap();
    assert_eq!(c.secret_id(), "AKIDenv-role");
}

#[tokio::test]
async fn tccli_oauth_keys_carry_their_expiry_and_expired_ones_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".tccli/default.credential");
    let oauth = |expires: u64| {
        json!({
            "type": "oauth", "secretId": "AKIDoauth", "secretKey": "k", "token": "t",
            "expiresAt": expires,
            "oauth": {"openId": "o", "accessToken": "a", "expiresAt": expires, "refreshToken": "r", "site": "cn"}
        })
        .to_string()
    };
    write(&file, &oauth(unix_in(3600)));
    let tccli = TccliCredentials::with_env(env(&[("HOME", dir.path().to_str().unwrap())]));
    let c = tccli.resolve().unwrap();
    assert_eq!((c.secret_id(), c.token()), ("AKIDoauth", Some("t")));
    assert!(c.expires_at().is_some());

    // Expired: skipped with advice, and the chain goes on (here to nothing else).
    write(&file, &oauth(1_600_000_000));
    let err = chain(dir.path(), &[], &closed_port_url())
        .resolve()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("run any tccli command"), "{err}");
}

#[tokio::test]
async fn tccli_sso_and_unknown_types_do_not_stop_the_chain() {
    let mock = metadata(7200).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".tccli/default.credential");
    write(
        &file,
        &json!({"type": "sso", "secretId": "AKIDsso", "secretKey": "k", "token": "t", "expiresAt": unix_in(600)})
            .to_string(),
    );
    let c = chain(dir.path(), &[], &mock.endpoint)
        .resolve()
        .await
        .unwrap();
    assert_eq!(c.secret_id(), "AKIDsso");
    // A type tccli does not document, without keys: skipped, the CVM role is next.
    write(&file, r#"{"type": "future-kind", "somethingElse": 1}"#);
    let c = chain(dir.path(), &[], &mock.endpoint)
        .resolve()
        .await
        .unwrap();
    assert_eq!(c.secret_id(), "AKIDcvmrole");
}

fn web_identity_reply() -> Value {
    json!({"Response": {
        "Credentials": {"Token": "oidc-token", "TmpSecretId": "AKIDoidc", "TmpSecretKey": "oidc-secret"},
        "ExpiredTime": unix_in(7200), "Expiration": "2030-01-01T00:00:00Z", "RequestId": "r-1"
    }})
}

#[tokio::test]
async fn tke_oidc_assumes_the_role_with_the_token_file_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    write(&token_file, "\u{feff}eyJhbGciOi.first-token\n");
    let vars = env(&[
        ("TKE_PROVIDER_ID", "tke-oidc-provider"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
        ("TKE_ROLE_ARN", ROLE_ARN),
        ("TKE_REGION", "ap-singapore"),
    ]);
    WebIdentityProvider::from_tke_env(&vars).unwrap(); // the real endpoint, not called
    let mock = MockTransport::new();
    mock.respond("AssumeRoleWithWebIdentity", web_identity_reply());
    let provider = WebIdentityProvider::builder("tke-oidc-provider", &token_file, ROLE_ARN)
        .region("ap-singapore")
        .sts_config(Config::builder().transport(Arc::new(mock.clone())))
        .build()
        .unwrap();
    let c = provider.provide_credentials().await.unwrap();
    assert_eq!((c.secret_id(), c.token()), ("AKIDoidc", Some("oidc-token")));
    // TKE rotates the token: the next call reads the file again.
    write(&token_file, "second-token");
    provider.provide_credentials().await.unwrap();
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    let r = &reqs[0];
    assert_eq!(r.header("authorization"), Some("SKIP"));
    assert_eq!(r.header("x-tc-action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(r.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(r.header("x-tc-region"), Some("ap-singapore"));
    assert_eq!(r.header("host"), Some("sts.tencentcloudapi.com"));
    let body = r.json().unwrap();
    assert_eq!(body["ProviderId"], "tke-oidc-provider");
    assert_eq!(body["WebIdentityToken"], "eyJhbGciOi.first-token");
    assert_eq!(body["RoleArn"], ROLE_ARN);
    assert!(body["RoleSessionName"]
        .as_str()
        .unwrap()
        .starts_with("tencentcloud-rust-sdk-"));
    assert_eq!(body["DurationSeconds"], 7200);
    assert_eq!(reqs[1].json().unwrap()["WebIdentityToken"], "second-token");
}

#[tokio::test]
async fn tke_environment_half_set_names_what_is_missing() {
    let err = WebIdentityProvider::from_tke_env(&env(&[("TKE_ROLE_ARN", ROLE_ARN)])).unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("TKE_PROVIDER_ID") && shown.contains("TKE_REGION"),
        "{shown}"
    );
}

#[tokio::test]
async fn chain_reaches_tke_oidc_last() {
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    write(&token_file, "tok");
    let vars = [
        ("TKE_PROVIDER_ID", "p"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
        ("TKE_ROLE_ARN", ROLE_ARN),
        ("TKE_REGION", "ap-guangzhou"),
    ];
    let chain = chain(dir.path(), &vars, &closed_port_url()).with_sts_endpoint(closed_port_url());
    let err = chain.resolve().await.unwrap_err();
    assert_eq!(chain.selected_source().as_deref(), Some("TKE OIDC"));
    assert!(
        err.to_string().contains("AssumeRoleWithWebIdentity"),
        "{err}"
    );
}

#[test]
fn region_comes_from_env_then_ini_then_tccli_configure() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap().to_owned();
    write(
        &dir.path().join(".tccli/default.configure"),
        r#"{"_sys_param": {"region": "ap-tokyo", "output": "json"}, "cvm": {"endpoint": "cvm.tencentcloudapi.com"}}"#,
    );
    write(
        &dir.path().join(".tccli/default.credential"),
        r#"{"secretId": "AKIDcli", "secretKey": "k"}"#,
    );
    let config = |vars: &[(&str, &str)]| {
        let mut all = vec![("HOME", home.as_str())];
        all.extend_from_slice(vars);
        Config::from_chain(
            DefaultCredentialsChain::new()
                .with_env(env(&all))
                .with_system_file(dir.path().join("none")),
        )
    };
    assert_eq!(config(&[]).unwrap().region(), Some("ap-tokyo"));
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nsecret_id = a\nsecret_key = b\nregion = ap-seoul\n",
    );
    assert_eq!(config(&[]).unwrap().region(), Some("ap-seoul"));
    assert_eq!(
        config(&[("TENCENTCLOUD_REGION", "ap-beijing")])
            .unwrap()
            .region(),
        Some("ap-beijing")
    );
}

#[test]
fn invalid_region_in_the_environment_is_a_config_error_naming_the_variable() {
    let err = Config::from_env_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDx"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
        ("TENCENTCLOUD_REGION", "ap guangzhou"),
    ]))
    .unwrap_err();
    assert!(
        matches!(&err, ConfigError::InvalidRegionIn { source_name, .. } if source_name == "TENCENTCLOUD_REGION"),
        "{err:?}"
    );
    assert!(!err.to_string().contains("credentials"), "{err}");
}

#[test]
fn credentials_files_starting_with_a_byte_order_mark_are_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "\u{feff}[default]\nsecret_id = AKIDbom\nsecret_key = k\n",
    );
    write(
        &dir.path().join(".tccli/default.credential"),
        "\u{feff}{\"secretId\": \"AKIDbomcli\", \"secretKey\": \"k\"}",
    );
    let e = env(&[("HOME", dir.path().to_str().unwrap())]);
    let ini = ProfileFileCredentials::with_env(e.clone())
        .resolve()
        .unwrap();
    assert_eq!(ini.secret_id(), "AKIDbom");
    let cli = TccliCredentials::with_env(e).resolve().unwrap();
    assert_eq!(cli.secret_id(), "AKIDbomcli");
}

#[test]
fn system_wide_file_is_read_when_the_user_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("etc/credentials");
    write(
        &system,
        "[default]\nsecret_id = AKIDsystem\nsecret_key = k\n",
    );
    let c = ProfileFileCredentials::with_env(env(&[("HOME", dir.path().to_str().unwrap())]))
        .with_system_file(&system)
        .resolve()
        .unwrap();
    assert_eq!(c.secret_id(), "AKIDsystem");
}

#[test]
fn named_profile_missing_from_the_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nsecret_id = a\nsecret_key = b\n",
    );
    let err = ProfileFileCredentials::with_env(env(&[
        ("HOME", dir.path().to_str().unwrap()),
        ("TENCENTCLOUD_PROFILE", "prod"),
    ]))
    .resolve()
    .unwrap_err();
    assert!(err.to_string().contains("[prod]"), "{err}");
}

#[test]
fn tccli_token_variable_is_read() {
    let c = tencentcloud_core::credentials::EnvironmentCredentials::with_env(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDx"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
        ("TENCENTCLOUD_TOKEN", "tccli-token"),
    ]))
    .resolve()
    .unwrap();
    assert_eq!(c.token(), Some("tccli-token"));
}

#[tokio::test]
async fn a_profile_with_only_a_region_gives_the_region_and_lets_the_chain_go_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join(".tencentcloud/credentials"),
        "[default]\nregion = ap-hongkong\n",
    );
    write(
        &dir.path().join(".tccli/default.credential"),
        r#"{"secretId": "AKIDcli", "secretKey": "k"}"#,
    );
    let chain = chain(dir.path(), &[], &closed_port_url());
    assert_eq!(chain.region().unwrap().unwrap().0, "ap-hongkong");
    assert_eq!(chain.resolve().await.unwrap().secret_id(), "AKIDcli");
}
