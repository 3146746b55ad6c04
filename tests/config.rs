//! Configuration: every bad-config fixture is refused with a message naming the file, the key and
//! the problem; the shipped example parses; the binary exits non-zero before touching the
//! terminal.

use std::path::PathBuf;
use std::process::Command;

use cognitui::config::{Cli, Settings};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn load(path: PathBuf) -> Result<Settings, String> {
    let cli = Cli {
        config: Some(path),
        ..Cli::default()
    };
    Settings::load(&cli, None).map_err(|e| e.to_string())
}

fn error_for(name: &str) -> String {
    let path = fixture(name);
    let message = load(path.clone()).expect_err("fixture must be refused");
    let prefix = format!("config file {}: ", path.display());
    message
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("message does not name the file: {message}"))
        .to_owned()
}

#[test]
fn unknown_key() {
    let e = error_for("unknown_key.toml");
    assert!(
        e.starts_with("key 'pools.prod.regoin': unknown field `regoin`, expected one of `region`"),
        "{e}"
    );
    assert!(e.ends_with("(line 3)"), "{e}");
}

#[test]
fn bad_pool_id() {
    assert_eq!(
        error_for("bad_pool_id.toml"),
        "key 'pools.prod.user_pool_id': 'AbC123' is not a user pool id (expected REGION_ID, e.g. eu-west-1_AbC123)"
    );
}

#[test]
fn region_mismatch() {
    assert_eq!(
        error_for("region_mismatch.toml"),
        "key 'pools.prod.user_pool_id': 'eu-west-1_AbC123' is a pool in eu-west-1, but the region is us-east-1"
    );
}

#[test]
fn missing_default_pool() {
    assert_eq!(
        error_for("missing_default.toml"),
        "key 'default_pool': names pool 'staging', but there is no [pools.staging] section"
    );
}

#[test]
fn bad_endpoint() {
    assert_eq!(
        error_for("bad_endpoint.toml"),
        "key 'pools.local.endpoint_url': '127.0.0.1:5000' must start with http:// or https://"
    );
}

#[test]
fn wrong_type() {
    let e = error_for("wrong_type.toml");
    assert_eq!(
        e,
        "key 'pools.prod.read_only': invalid type: string \"yes\", expected a boolean (line 3)"
    );
}

#[test]
fn bad_key_binding() {
    assert_eq!(
        error_for("bad_key.toml"),
        "key 'keys.lookup.quit': 'meta-q' is not a key (line 2)"
    );
}

#[test]
fn bad_key_binding_in_a_longer_file_names_its_path_and_line() {
    assert_eq!(
        error_for("bad_key_deep.toml"),
        "key 'keys.search.load_all': 'ctrl-' is not a key (line 12)"
    );
}

#[test]
fn unknown_command() {
    let e = error_for("unknown_command.toml");
    assert!(
        e.starts_with(
            "key 'keys.lookup.explode': unknown variant `explode`, expected one of `quit`"
        ),
        "{e}"
    );
    assert!(e.ends_with("(line 2)"), "{e}");
}

#[test]
fn unknown_key_context() {
    let e = error_for("unknown_context.toml");
    assert!(
        e.starts_with("key 'keys.lookpu': unknown variant `lookpu`, expected one of `global`"),
        "{e}"
    );
    assert!(e.ends_with("(line 4)"), "{e}");
}

#[test]
fn key_binding_of_the_wrong_type() {
    let e = error_for("key_not_a_list.toml");
    assert!(
        e.starts_with("key 'keys.lookup.search': invalid type"),
        "{e}"
    );
    assert!(e.ends_with("(line 2)"), "{e}");
}

#[test]
fn search_debounce() {
    let settings = load(fixture("../../../config.toml.example")).expect("example");
    assert_eq!(
        settings.search_debounce,
        std::time::Duration::from_millis(250)
    );
    assert_eq!(
        error_for("slow_debounce.toml"),
        "key 'search_debounce_ms': must be at most 5000 (0 searches at every key)"
    );
}

#[test]
fn not_toml() {
    let e = error_for("not_toml.toml");
    assert!(e.contains("line 1"), "{e}");
}

#[test]
fn zero_timeout() {
    assert_eq!(
        error_for("zero_timeout.toml"),
        "key 'request_timeout_secs': must be at least 1"
    );
}

#[test]
fn missing_explicit_file() {
    let e = load(fixture("does-not-exist.toml")).expect_err("missing");
    assert!(e.contains("does-not-exist.toml: cannot be read"), "{e}");
}

#[test]
fn the_example_parses() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config.toml.example");
    let settings = load(path).expect("config.toml.example is valid");
    let pool = settings.pool.expect("default pool");
    assert_eq!(pool.user_pool_id, "eu-west-1_AbCdEf123");
    assert_eq!(settings.profile.as_deref(), Some("prod-admin"));
    assert!(settings.read_only);
    assert_eq!(settings.totp_issuer.as_deref(), Some("Example Corp"));
    assert_eq!(
        cognitui::cognito::metadata::show(&settings.client_metadata["eu-west-1_AbCdEf123"]),
        "source=cognitui, team=support"
    );
    assert_eq!(settings.client_metadata.len(), 1, "the local pool has none");
}

#[test]
fn the_binary_exits_non_zero_before_touching_the_terminal() {
    let out = Command::new(env!("CARGO_BIN_EXE_cognitui"))
        .arg("--config")
        .arg(fixture("bad_pool_id.toml"))
        .output()
        .expect("run cognitui");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("cognitui: config file "), "{stderr}");
    assert!(stderr.contains("pools.prod.user_pool_id"), "{stderr}");
}

/// The settings `cli` resolves to with no configuration file.
fn flags(cli: &Cli) -> Result<Settings, String> {
    Settings::from_flags(cli).map_err(|e| e.to_string())
}

#[test]
fn a_pool_id_must_be_region_id_on_aws() {
    let e = flags(&Cli {
        user_pool_id: Some("local_6r5o1nkV".into()),
        ..Cli::default()
    })
    .expect_err("not REGION_ID");
    assert_eq!(
        e,
        "--user-pool-id: 'local_6r5o1nkV' is not a user pool id (expected REGION_ID, e.g. eu-west-1_AbC123)"
    );
}

#[test]
fn an_emulators_pool_id_passes_with_an_endpoint() {
    let s = flags(&Cli {
        user_pool_id: Some("local_6r5o1nkV".into()),
        endpoint_url: Some("http://127.0.0.1:9229".into()),
        ..Cli::default()
    })
    .expect("any id Cognito accepts");
    assert_eq!(
        s.pool.map(|p| p.user_pool_id).as_deref(),
        Some("local_6r5o1nkV")
    );
    assert_eq!(s.region, None, "no region to read from such an id");

    // A REGION_ID keeps its region, and a region that contradicts it is still refused.
    let s = flags(&Cli {
        user_pool_id: Some("us-east-1_abc123".into()),
        endpoint_url: Some("http://127.0.0.1:5000".into()),
        ..Cli::default()
    })
    .expect("REGION_ID");
    assert_eq!(s.region.as_deref(), Some("us-east-1"));
    let e = flags(&Cli {
        user_pool_id: Some("us-east-1_abc123".into()),
        region: Some("eu-west-1".into()),
        endpoint_url: Some("http://127.0.0.1:5000".into()),
        ..Cli::default()
    })
    .expect_err("two regions");
    assert!(
        e.contains("is a pool in us-east-1, but the region is eu-west-1"),
        "{e}"
    );
}

#[test]
fn with_an_endpoint_an_id_cognito_would_refuse_is_still_refused() {
    for id in [
        "local",
        "local_",
        "_abc",
        "local_6r5o-1nkV",
        "a b_c",
        &format!("{}_x", "a".repeat(60)),
    ] {
        let e = flags(&Cli {
            user_pool_id: Some(id.to_owned()),
            endpoint_url: Some("http://127.0.0.1:9229".into()),
            ..Cli::default()
        })
        .expect_err(id);
        assert_eq!(
            e,
            format!(
                "--user-pool-id: '{id}' is not a user pool id (expected NAME_ID, e.g. local_6r5o1nkV or eu-west-1_AbC123)"
            )
        );
    }
}

#[test]
fn a_configured_pool_with_its_own_endpoint_takes_an_emulators_id() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "default_pool = \"local\"\n[pools.local]\nuser_pool_id = \"local_6r5o1nkV\"\nendpoint_url = \"http://127.0.0.1:9229\"\nregion = \"us-east-1\"\n",
    )
    .expect("written");
    let s = load(path.clone()).expect("valid with its endpoint");
    assert_eq!(
        s.pool.map(|p| p.user_pool_id).as_deref(),
        Some("local_6r5o1nkV")
    );

    // Without the endpoint, the same id is refused, naming the key.
    std::fs::write(
        &path,
        "default_pool = \"local\"\n[pools.local]\nuser_pool_id = \"local_6r5o1nkV\"\n",
    )
    .expect("written");
    let e = load(path).expect_err("no endpoint");
    assert!(
        e.ends_with("key 'pools.local.user_pool_id': 'local_6r5o1nkV' is not a user pool id (expected REGION_ID, e.g. eu-west-1_AbC123)"),
        "{e}"
    );
}

/// Settings from a configuration file holding `text`.
fn settings_of(text: &str) -> Result<Settings, String> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("written");
    load(path)
}

#[test]
fn columns_come_in_the_configured_order_and_a_pool_replaces_them() {
    use cognitui::config::columns::Column;

    let s = settings_of("").expect("empty is valid");
    assert_eq!(s.columns, Column::defaults());
    let text = r#"
        columns = ["username", "email", "status", "enabled", "custom:tier", "created"]
        default_pool = "a"
        [pools.a]
        user_pool_id = "eu-west-1_AbC123"
        [pools.b]
        user_pool_id = "eu-west-1_Other1"
        columns = ["email", "custom:seats", "phone_number", "username"]
    "#;
    let s = settings_of(text).expect("valid");
    assert_eq!(
        s.columns,
        vec![
            Column::Username,
            Column::Email,
            Column::Status,
            Column::Enabled,
            Column::Attribute("custom:tier".into()),
            Column::Created,
        ]
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("written");
    let cli = Cli {
        config: Some(path),
        pool: Some("b".into()),
        ..Cli::default()
    };
    let s = Settings::load(&cli, None).expect("valid");
    assert_eq!(
        s.columns,
        vec![
            Column::Email,
            Column::Attribute("custom:seats".into()),
            Column::Attribute("phone_number".into()),
            Column::Username,
        ]
    );
}

#[test]
fn an_unknown_column_is_refused_naming_the_entry() {
    let e = settings_of("columns = [\"username\", \"emial\"]\n").expect_err("unknown column");
    assert!(
        e.ends_with(
            "key 'columns': unknown column 'emial' (expected username, email, status, enabled, created, modified, a standard attribute such as phone_number, or custom:NAME)"
        ),
        "{e}"
    );
    // In a pool that is not the one opened, too.
    let e = settings_of(
        "[pools.prod]\nuser_pool_id = \"eu-west-1_AbC123\"\ncolumns = [\"username\", \"custom:\"]\n",
    )
    .expect_err("bad custom attribute");
    assert!(
        e.contains("key 'pools.prod.columns': 'custom:' is not a custom attribute"),
        "{e}"
    );
    let e = settings_of("columns = [\"email\", \"status\", \"email\"]\n").expect_err("twice");
    assert!(e.ends_with("key 'columns': 'email' is listed twice"), "{e}");
    let e = settings_of("columns = []\n").expect_err("empty");
    assert!(e.contains("key 'columns': names no column"), "{e}");
}

#[test]
fn the_mouse_is_on_unless_turned_off() {
    assert!(settings_of("").expect("valid").mouse);
    assert!(!settings_of("mouse = false\n").expect("valid").mouse);
    let e = settings_of("mouse = \"no\"\n").expect_err("not a boolean");
    assert!(e.contains("key 'mouse': invalid type"), "{e}");
}
