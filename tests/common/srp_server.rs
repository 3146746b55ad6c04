//! Cognito's SRP-6a, server side and client side, written from the protocol (RFC 5054's
//! 3072-bit group, k = H(N | g), HKDF "Caldera Derived Key") to check what cognitui sends: a
//! user's password (USER_SRP_AUTH) and a remembered device's (DEVICE_SRP_AUTH).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};

const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
);

pub fn n() -> BigUint {
    BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N")
}

fn g() -> BigUint {
    BigUint::from(2u8)
}

/// A value's big-endian bytes with a zero byte in front when its top bit is set (Cognito
/// hashes numbers as positive, padded hex).
fn pad(bytes: &[u8]) -> Vec<u8> {
    match bytes.first() {
        Some(b) if *b >= 0x80 => [&[0u8][..], bytes].concat(),
        _ => bytes.to_vec(),
    }
}

fn hash(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().to_vec()
}

fn number(bytes: &[u8]) -> BigUint {
    BigUint::from_bytes_be(bytes)
}

pub fn hex_number(hex: &str) -> BigUint {
    BigUint::parse_bytes(hex.as_bytes(), 16).expect("hex")
}

fn k() -> BigUint {
    number(&hash(&[&pad(&n().to_bytes_be()), &g().to_bytes_be()]))
}

fn x(pool_name: &str, user_id: &str, password: &str, salt: &[u8]) -> BigUint {
    let identity = hash(&[
        pool_name.as_bytes(),
        user_id.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    number(&hash(&[&pad(salt), &identity]))
}

fn u(a: &BigUint, b: &BigUint) -> BigUint {
    number(&hash(&[&pad(&a.to_bytes_be()), &pad(&b.to_bytes_be())]))
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

/// The 16-byte key both sides derive from the shared secret S and u.
fn key(s: &BigUint, u: &BigUint) -> Vec<u8> {
    let prk = hmac(&pad(&u.to_bytes_be()), &[&pad(&s.to_bytes_be())]);
    hmac(&prk, &[b"Caldera Derived Key", &[1]])[..16].to_vec()
}

fn signature(key: &[u8], pool_name: &str, user_id: &str, block: &str, timestamp: &str) -> String {
    let block = BASE64.decode(block).expect("base64 secret block");
    BASE64.encode(hmac(
        key,
        &[
            pool_name.as_bytes(),
            user_id.as_bytes(),
            &block,
            timestamp.as_bytes(),
        ],
    ))
}

/// The client side with a chosen secret `a`: A, and the signature for a PASSWORD_VERIFIER.
pub struct Client {
    a: BigUint,
}

impl Client {
    pub fn new(a: &[u8]) -> Self {
        Self { a: number(a) }
    }

    pub fn srp_a(&self) -> BigUint {
        g().modpow(&self.a, &n())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn signature(
        &self,
        pool_id: &str,
        user_id: &str,
        password: &str,
        salt_hex: &str,
        b_hex: &str,
        block: &str,
        timestamp: &str,
    ) -> String {
        let pool_name = pool_id.split('_').nth(1).expect("region_id");
        let (modulus, srp_b) = (n(), hex_number(b_hex));
        let salt = hex_number(salt_hex).to_bytes_be();
        let private = x(pool_name, user_id, password, &salt);
        let scrambler = u(&self.srp_a(), &srp_b);
        // S = (B - k·g^x)^(a + u·x), with B - k·g^x taken modulo N.
        let kgx = (k() * g().modpow(&private, &modulus)) % &modulus;
        let base = (&srp_b + &modulus - kgx) % &modulus;
        let shared = base.modpow(&(&self.a + &scrambler * &private), &modulus);
        signature(
            &key(&shared, &scrambler),
            pool_name,
            user_id,
            block,
            timestamp,
        )
    }
}

/// The server: knows the password's verifier, answers PASSWORD_VERIFIER, checks the claim.
pub struct Server {
    pub pool_id: String,
    pub user_id: String,
    salt: Vec<u8>,
    b: BigUint,
    v: BigUint,
}

impl Server {
    pub fn new(pool_id: &str, user_id: &str, password: &str) -> Self {
        let salt = vec![0x5a; 16];
        let pool_name = pool_id.split('_').nth(1).expect("region_id");
        let v = g().modpow(&x(pool_name, user_id, password, &salt), &n());
        Self {
            pool_id: pool_id.to_owned(),
            user_id: user_id.to_owned(),
            salt,
            b: number(&[0x42; 64]),
            v,
        }
    }

    pub fn salt_hex(&self) -> String {
        number(&self.salt).to_str_radix(16)
    }

    pub fn srp_b_hex(&self) -> String {
        srp_b(&self.v, &self.b).to_str_radix(16)
    }

    /// Whether the claim proves the password: S = (A·v^u)^b.
    pub fn verifies(&self, srp_a_hex: &str, block: &str, timestamp: &str, claim: &str) -> bool {
        let pool_name = self.pool_id.split('_').nth(1).expect("region_id");
        let names = (pool_name, self.user_id.as_str());
        proves(
            &self.v,
            &self.b,
            srp_a_hex,
            names,
            (block, timestamp),
            claim,
        )
    }
}

/// Whether `claim` signs `block` and `timestamp` with the key of S = (A·v^u)^b, after the two
/// names (pool and user, or device group and device key).
fn proves(
    v: &BigUint,
    b: &BigUint,
    srp_a_hex: &str,
    names: (&str, &str),
    (block, timestamp): (&str, &str),
    claim: &str,
) -> bool {
    let modulus = n();
    let srp_a = hex_number(srp_a_hex);
    let srp_b = srp_b(v, b);
    let scrambler = u(&srp_a, &srp_b);
    let shared = (srp_a * v.modpow(&scrambler, &modulus)).modpow(b, &modulus);
    signature(
        &key(&shared, &scrambler),
        names.0,
        names.1,
        block,
        timestamp,
    ) == claim
}

/// B = k·v + g^b (mod N).
fn srp_b(v: &BigUint, b: &BigUint) -> BigUint {
    let n = n();
    (k() * v + g().modpow(b, &n)) % &n
}

/// The server side of DEVICE_SRP_AUTH: it knows only what ConfirmDevice registered (the
/// device's verifier and salt), answers DEVICE_PASSWORD_VERIFIER and checks the claim.
pub struct DeviceServer {
    group_key: String,
    device_key: String,
    salt: Vec<u8>,
    b: BigUint,
    v: BigUint,
}

impl DeviceServer {
    /// From ConfirmDevice's DeviceSecretVerifierConfig (base64 PasswordVerifier and Salt).
    pub fn new(group_key: &str, device_key: &str, verifier: &str, salt: &str) -> Self {
        Self {
            group_key: group_key.to_owned(),
            device_key: device_key.to_owned(),
            salt: BASE64.decode(salt).expect("base64 salt"),
            b: number(&[0x37; 64]),
            v: number(&BASE64.decode(verifier).expect("base64 verifier")),
        }
    }

    pub fn salt_hex(&self) -> String {
        number(&self.salt).to_str_radix(16)
    }

    pub fn srp_b_hex(&self) -> String {
        srp_b(&self.v, &self.b).to_str_radix(16)
    }

    /// Whether the claim proves the device's password.
    pub fn verifies(&self, srp_a_hex: &str, block: &str, timestamp: &str, claim: &str) -> bool {
        let names = (self.group_key.as_str(), self.device_key.as_str());
        proves(
            &self.v,
            &self.b,
            srp_a_hex,
            names,
            (block, timestamp),
            claim,
        )
    }
}
