//! The maths of USER_SRP_AUTH (and USER_AUTH's PASSWORD_SRP) and of remembered devices, from the
//! `aws-cognito-srp` crate: SRP_A for the start, then the answer to PASSWORD_VERIFIER (or
//! DEVICE_PASSWORD_VERIFIER); a new device's verifier for ConfirmDevice. The password never
//! leaves this computer; only a proof that it is known does.

use std::collections::HashMap;
use std::fmt;

use aws_cognito_srp::{
    PasswordVerifierParameters, SrpClient, TrackedDevice, UntrackedDevice, User,
    VerificationParameters,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::device::{NewDevice, RememberedDevice};
use super::endpoint::Server;
use super::error::CognitoError;
use super::model::AppClient;
use super::sensitive::Sensitive;

/// One SRP exchange: its secret `a` is made when it is created and lives only as long as the
/// sign-in call. Its `Debug` shows nothing.
pub struct Srp {
    client: SrpClient<User>,
}

impl fmt::Debug for Srp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Srp(***)")
    }
}

impl Srp {
    /// A new exchange for a user of `pool_id` (`region_id`), proving `password`.
    pub fn new(pool_id: &str, username: &str, password: &Sensitive) -> Self {
        // SECRET_HASH is computed by cognitui for the right username, so the crate gets none.
        let user = User::new(pool_id, username, password.expose());
        Self {
            client: SrpClient::new(user, "", None),
        }
    }

    /// SRP_A, the public value InitiateAuth (or SELECT_CHALLENGE) sends.
    pub fn srp_a(&self) -> String {
        self.client.get_auth_parameters().a
    }

    /// The ChallengeResponses of the PASSWORD_VERIFIER answer, for the user named `user_id`:
    /// USERNAME is that name (Cognito's USER_ID_FOR_SRP) and so is the SECRET_HASH's, when the
    /// client has a secret; PASSWORD_CLAIM_SECRET_BLOCK echoes SECRET_BLOCK; TIMESTAMP and
    /// PASSWORD_CLAIM_SIGNATURE prove the password. `server` says who asked: Cognito's
    /// SECRET_BLOCK is always base64, and only an emulator's may be anything else.
    pub fn verifier_responses(
        &self,
        client: &AppClient,
        params: &HashMap<String, String>,
        user_id: &str,
        server: Server,
    ) -> Result<HashMap<String, String>, CognitoError> {
        let (salt, srp_b, secret_block) = challenge_values(params, "PASSWORD_VERIFIER")?;
        // A SECRET_BLOCK that is not base64 (the local emulator sends its session id) is signed
        // as its text; it is echoed exactly as it came either way.
        let signed_block = match (BASE64.decode(secret_block).is_ok(), server) {
            (true, _) => secret_block.clone(),
            (false, Server::Emulator) => BASE64.encode(secret_block.as_bytes()),
            (false, Server::Aws) => {
                return Err(unanswerable(
                    "PASSWORD_VERIFIER",
                    "its SECRET_BLOCK is not base64, as Cognito's always is",
                ));
            }
        };
        let proof = self
            .client
            .verify(&signed_block, user_id, salt, srp_b)
            .map_err(|e| unanswerable("PASSWORD_VERIFIER", &e.to_string()))?;
        Ok(claim_responses(client, user_id, secret_block, proof))
    }
}

/// One device SRP exchange (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER) proving a remembered
/// device's password. Its `Debug` shows nothing.
pub struct DeviceSrp {
    client: SrpClient<TrackedDevice>,
    device_key: String,
}

impl fmt::Debug for DeviceSrp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeviceSrp(***)")
    }
}

impl DeviceSrp {
    /// A new exchange for `device`, with a secret `a` of its own.
    pub fn new(device: &RememberedDevice) -> Self {
        let tracked = TrackedDevice::new(
            &device.pool_id,
            &device.group_key,
            &device.key,
            device.password.expose(),
        );
        Self {
            client: SrpClient::new(tracked, "", None),
            device_key: device.key.clone(),
        }
    }

    /// The ChallengeResponses of the DEVICE_SRP_AUTH answer for `username`: USERNAME,
    /// DEVICE_KEY, SRP_A, and SECRET_HASH when the client has a secret.
    pub fn start_responses(&self, client: &AppClient, username: &str) -> HashMap<String, String> {
        let mut responses = HashMap::from([
            ("USERNAME".to_owned(), username.to_owned()),
            ("DEVICE_KEY".to_owned(), self.device_key.clone()),
            ("SRP_A".to_owned(), self.client.get_auth_parameters().a),
        ]);
        if let Some(hash) = client.secret_hash(username) {
            responses.insert("SECRET_HASH".to_owned(), hash);
        }
        responses
    }

    /// The ChallengeResponses of the DEVICE_PASSWORD_VERIFIER answer for `username`: those of
    /// PASSWORD_VERIFIER, with DEVICE_KEY.
    pub fn verifier_responses(
        &self,
        client: &AppClient,
        params: &HashMap<String, String>,
        username: &str,
    ) -> Result<HashMap<String, String>, CognitoError> {
        let (salt, srp_b, secret_block) = challenge_values(params, "DEVICE_PASSWORD_VERIFIER")?;
        let proof = self
            .client
            .verify(secret_block, salt, srp_b)
            .map_err(|e| unanswerable("DEVICE_PASSWORD_VERIFIER", &e.to_string()))?;
        let mut responses = claim_responses(client, username, secret_block, proof);
        responses.insert("DEVICE_KEY".to_owned(), self.device_key.clone());
        Ok(responses)
    }
}

/// What ConfirmDevice registers for a new device: its verifier and salt (base64), and the
/// random device password that proves it later (never sent).
pub struct DeviceVerifier {
    pub verifier: String,
    pub salt: String,
    pub password: Sensitive,
}

impl DeviceVerifier {
    /// A fresh random password for `device` of `pool_id`, and its verifier.
    pub fn new(pool_id: &str, device: &NewDevice) -> Self {
        let untracked = UntrackedDevice::new(pool_id, &device.group_key, &device.key);
        let PasswordVerifierParameters {
            verifier,
            salt,
            password,
        } = SrpClient::new(untracked, "", None).get_password_verifier();
        Self {
            verifier,
            salt,
            password: Sensitive::new(password),
        }
    }
}

/// SALT, SRP_B and SECRET_BLOCK of a password verifier challenge (`challenge` names it).
fn challenge_values<'a>(
    params: &'a HashMap<String, String>,
    challenge: &str,
) -> Result<(&'a String, &'a String, &'a String), CognitoError> {
    let param = |name: &str| {
        params
            .get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| unanswerable(challenge, &format!("it has no {name}")))
    };
    Ok((param("SALT")?, param("SRP_B")?, param("SECRET_BLOCK")?))
}

/// The answer to a password verifier challenge for `user_id`: USERNAME, the echoed
/// PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE, and SECRET_HASH when
/// the client has a secret.
fn claim_responses(
    client: &AppClient,
    user_id: &str,
    secret_block: &str,
    proof: VerificationParameters,
) -> HashMap<String, String> {
    let mut responses = HashMap::from([
        ("USERNAME".to_owned(), user_id.to_owned()),
        (
            "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
            secret_block.to_owned(),
        ),
        (
            "PASSWORD_CLAIM_SIGNATURE".to_owned(),
            proof.password_claim_signature,
        ),
        ("TIMESTAMP".to_owned(), proof.timestamp),
    ]);
    if let Some(hash) = client.secret_hash(user_id) {
        responses.insert("SECRET_HASH".to_owned(), hash);
    }
    responses
}

fn unanswerable(challenge: &str, why: &str) -> CognitoError {
    CognitoError::Other {
        code: challenge.into(),
        message: format!("cognitui cannot answer this SRP challenge: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::flows::AuthFlows;

    fn client(secret: Option<&str>) -> AppClient {
        AppClient {
            id: "client1".into(),
            name: "web".into(),
            secret: secret.map(|s| Sensitive::new(s.into())),
            auth_flows: AuthFlows::default(),
        }
    }

    fn params(secret_block: &str) -> HashMap<String, String> {
        HashMap::from([
            (
                "SALT".to_owned(),
                "36ef01c6dde9fe503da333b1acc758ba".to_owned(),
            ),
            (
                "SRP_B".to_owned(),
                "36ef01c6dde9fe503da333b1acc758ba".to_owned(),
            ),
            ("SECRET_BLOCK".to_owned(), secret_block.to_owned()),
            ("USER_ID_FOR_SRP".to_owned(), "ann-id".to_owned()),
            ("USERNAME".to_owned(), "ann".to_owned()),
        ])
    }

    #[test]
    fn the_answer_names_the_srp_user_and_hashes_for_them() {
        let srp = Srp::new(
            "eu-west-1_Pool",
            "ann@example.com",
            &Sensitive::new("pw".into()),
        );
        let r = srp
            .verifier_responses(
                &client(Some("s3cr3t")),
                &params("c2VjcmV0"),
                "ann-id",
                Server::Aws,
            )
            .expect("answer");
        assert_eq!(r["USERNAME"], "ann-id");
        assert_eq!(r["PASSWORD_CLAIM_SECRET_BLOCK"], "c2VjcmV0");
        assert_eq!(
            r["SECRET_HASH"],
            super::super::secret_hash(&Sensitive::new("s3cr3t".into()), "ann-id", "client1")
        );
        assert_eq!(
            BASE64
                .decode(&r["PASSWORD_CLAIM_SIGNATURE"])
                .map(|s| s.len()),
            Ok(32)
        );
        // "Tue Mar 4 12:00:00 UTC 2026": no leading zero on the day, as Cognito wants.
        let parts: Vec<&str> = r["TIMESTAMP"].split(' ').collect();
        assert_eq!(parts.len(), 6, "{}", r["TIMESTAMP"]);
        assert!(!parts[2].starts_with('0'), "{}", r["TIMESTAMP"]);
        assert_eq!(parts[4], "UTC");
        assert!(client(None).secret_hash("ann-id").is_none());
        let r = srp
            .verifier_responses(&client(None), &params("c2VjcmV0"), "ann-id", Server::Aws)
            .expect("answer");
        assert!(!r.contains_key("SECRET_HASH"));
    }

    #[test]
    fn a_secret_block_that_is_not_base64_is_echoed_as_it_came_to_an_emulator_only() {
        let srp = Srp::new("us-east-1_x", "ann", &Sensitive::new("pw".into()));
        let block = "0b6b5b4e-8f7c-4c1e-9e0a-1f2e3d4c5b6a";
        let r = srp
            .verifier_responses(&client(None), &params(block), "ann", Server::Emulator)
            .expect("answer");
        assert_eq!(r["PASSWORD_CLAIM_SECRET_BLOCK"], block);
        let e = srp
            .verifier_responses(&client(None), &params(block), "ann", Server::Aws)
            .expect_err("not Cognito's");
        assert!(
            e.to_string()
                .ends_with("its SECRET_BLOCK is not base64, as Cognito's always is"),
            "{e}"
        );
    }

    #[test]
    fn a_challenge_without_its_values_is_refused_with_a_sentence() {
        let srp = Srp::new("us-east-1_x", "ann", &Sensitive::new("pw".into()));
        let mut p = params("c2VjcmV0");
        p.remove("SRP_B");
        let e = srp
            .verifier_responses(&client(None), &p, "ann", Server::Aws)
            .expect_err("no SRP_B");
        assert!(e.to_string().contains("no SRP_B"), "{e}");
        assert_eq!(format!("{srp:?}"), "Srp(***)");
    }

    #[test]
    fn a_remembered_device_answers_both_device_challenges_with_its_key() {
        let offered = NewDevice {
            key: "eu-west-1_dev".into(),
            group_key: "-grp".into(),
        };
        let verifier = DeviceVerifier::new("eu-west-1_Pool", &offered);
        assert!(
            BASE64
                .decode(&verifier.verifier)
                .is_ok_and(|v| v.len() >= 256)
        );
        assert!(BASE64.decode(&verifier.salt).is_ok());
        let device = RememberedDevice {
            pool_id: "eu-west-1_Pool".into(),
            client_id: "client1".into(),
            username: "ann".into(),
            key: offered.key,
            group_key: offered.group_key,
            password: verifier.password,
        };
        let srp = DeviceSrp::new(&device);
        let start = srp.start_responses(&client(Some("s3cr3t")), "ann");
        assert_eq!(start["DEVICE_KEY"], "eu-west-1_dev");
        assert_eq!(start["USERNAME"], "ann");
        assert!(start["SRP_A"].chars().all(|c| c.is_ascii_hexdigit()));
        assert!(start.contains_key("SECRET_HASH"));
        let r = srp
            .verifier_responses(&client(None), &params("c2VjcmV0"), "ann")
            .expect("answer");
        assert_eq!(r["DEVICE_KEY"], "eu-west-1_dev");
        assert_eq!(r["PASSWORD_CLAIM_SECRET_BLOCK"], "c2VjcmV0");
        assert_eq!(
            BASE64
                .decode(&r["PASSWORD_CLAIM_SIGNATURE"])
                .map(|s| s.len()),
            Ok(32)
        );
        assert!(!r.contains_key("SECRET_HASH"));
        assert_eq!(format!("{srp:?}"), "DeviceSrp(***)");
    }
}
