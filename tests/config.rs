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
