//! The maths of USER_SRP_AUTH (and USER_AUTH's PASSWORD_SRP), from the `aws-cognito-srp`
//! crate: SRP_A for the start, then the answer to PASSWORD_VERIFIER. The password never leaves
//! this computer; only a proof that it is known does.

use std::collections::HashMap;
use std::fmt;

use aws_cognito_srp::{SrpClient, User, VerificationParameters};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::error::CognitoError;
use super::model::{AppClient, Sensitive};

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
    /// PASSWORD_CLAIM_SIGNATURE prove the password.
    pub fn verifier_responses(
        &self,
        client: &AppClient,
        params: &HashMap<String, String>,
        user_id: &str,
    ) -> Result<HashMap<String, String>, CognitoError> {
        let param = |name: &str| {
            params
                .get(name)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| unanswerable(&format!("it has no {name}")))
        };
        let (salt, srp_b, secret_block) = (param("SALT")?, param("SRP_B")?, param("SECRET_BLOCK")?);
        // Cognito's SECRET_BLOCK is base64. One that is not (the local emulator sends its
        // session id) is signed as its text; it is echoed exactly as it came either way.
        let signed_block = if BASE64.decode(secret_block).is_ok() {
            secret_block.clone()
        } else {
            BASE64.encode(secret_block.as_bytes())
        };
        let VerificationParameters {
            password_claim_signature,
            timestamp,
            ..
        } = self
            .client
            .verify(&signed_block, user_id, salt, srp_b)
            .map_err(|e| unanswerable(&e.to_string()))?;
        let mut responses = HashMap::from([
            ("USERNAME".to_owned(), user_id.to_owned()),
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                secret_block.clone(),
            ),
            (
                "PASSWORD_CLAIM_SIGNATURE".to_owned(),
                password_claim_signature,
            ),
            ("TIMESTAMP".to_owned(), timestamp),
        ]);
        if let Some(hash) = client.secret_hash(user_id) {
            responses.insert("SECRET_HASH".to_owned(), hash);
        }
        Ok(responses)
    }
}

fn unanswerable(why: &str) -> CognitoError {
    CognitoError::Other {
        code: "PASSWORD_VERIFIER".into(),
        message: format!("cognitui cannot answer this SRP challenge: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::auth::AuthFlows;

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
            .verifier_responses(&client(Some("s3cr3t")), &params("c2VjcmV0"), "ann-id")
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
            .verifier_responses(&client(None), &params("c2VjcmV0"), "ann-id")
            .expect("answer");
        assert!(!r.contains_key("SECRET_HASH"));
    }

    #[test]
    fn a_secret_block_that_is_not_base64_is_echoed_as_it_came() {
        let srp = Srp::new("us-east-1_x", "ann", &Sensitive::new("pw".into()));
        let block = "0b6b5b4e-8f7c-4c1e-9e0a-1f2e3d4c5b6a";
        let r = srp
            .verifier_responses(&client(None), &params(block), "ann")
            .expect("answer");
        assert_eq!(r["PASSWORD_CLAIM_SECRET_BLOCK"], block);
    }

    #[test]
    fn a_challenge_without_its_values_is_refused_with_a_sentence() {
        let srp = Srp::new("us-east-1_x", "ann", &Sensitive::new("pw".into()));
        let mut p = params("c2VjcmV0");
        p.remove("SRP_B");
        let e = srp
            .verifier_responses(&client(None), &p, "ann")
            .expect_err("no SRP_B");
        assert!(e.to_string().contains("no SRP_B"), "{e}");
        assert_eq!(format!("{srp:?}"), "Srp(***)");
    }
}
