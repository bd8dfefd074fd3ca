//! Discord's request signatures: ed25519 over `timestamp + raw body`, checked against the
//! application's public key, with a bound on how old the timestamp may be.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;
use ed25519_dalek::{Signature, VerifyingKey};

use crate::config::ConfigError;

/// The header holding the hex signature.
pub(crate) const SIGNATURE_HEADER: &str = "x-signature-ed25519";
/// The header holding the signed timestamp (Unix seconds).
pub(crate) const TIMESTAMP_HEADER: &str = "x-signature-timestamp";
/// How far a request's timestamp may be from our clock before it counts as a replay.
pub(crate) const TIMESTAMP_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The application's public key (`DISCORD_PUBLIC_KEY`, 64 hex digits, from the developer
/// portal's General Information page). Not a secret, but only requests signed with the
/// matching private key — Discord's — are served.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The key from its hex form, refused when it is not 32 bytes of hex or not a valid
    /// ed25519 point.
    pub fn from_hex(text: &str) -> Result<Self, ConfigError> {
        let invalid = |reason: &str| ConfigError::Invalid {
            variable: "DISCORD_PUBLIC_KEY",
            reason: reason.to_owned(),
        };
        let mut bytes = [0_u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes)
            .map_err(|_| invalid("it is 64 hex digits, as the developer portal shows it"))?;
        let key = VerifyingKey::from_bytes(&bytes)
            .map_err(|_| invalid("those digits are not an ed25519 public key"))?;
        Ok(Self(key))
    }

    /// The key as 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

/// Why a request is refused with 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum SignatureRejection {
    /// A signature header is absent.
    #[error("a signature header is missing")]
    Missing,
    /// A header is not in the expected form.
    #[error("a signature header is malformed")]
    Malformed,
    /// The timestamp is too far from now.
    #[error("the timestamp is more than five minutes off")]
    Stale,
    /// The signature does not match the timestamp and body.
    #[error("the signature does not match")]
    Mismatch,
}

/// The signature headers of one request, checked for shape and age but not yet against the
/// body.
#[derive(Debug, Clone)]
pub(crate) struct SignedHeaders {
    signature: Signature,
    timestamp: String,
}

impl SignedHeaders {
    /// Reads both headers and checks that the timestamp is within [`TIMESTAMP_TOLERANCE`] of
    /// `now`. Nothing of the body is needed, so a stale or unsigned request costs no reading.
    pub(crate) fn read(headers: &HeaderMap, now: SystemTime) -> Result<Self, SignatureRejection> {
        let header = |name: &str| -> Result<&str, SignatureRejection> {
            headers
                .get(name)
                .ok_or(SignatureRejection::Missing)?
                .to_str()
                .map_err(|_| SignatureRejection::Malformed)
        };
        let mut signature = [0_u8; 64];
        hex::decode_to_slice(header(SIGNATURE_HEADER)?, &mut signature)
            .map_err(|_| SignatureRejection::Malformed)?;
        let timestamp = header(TIMESTAMP_HEADER)?;
        let seconds: u64 = timestamp
            .parse()
            .map_err(|_| SignatureRejection::Malformed)?;
        let signed_at = UNIX_EPOCH + Duration::from_secs(seconds);
        let skew = now
            .duration_since(signed_at)
            .unwrap_or_else(|ahead| ahead.duration());
        if skew > TIMESTAMP_TOLERANCE {
            return Err(SignatureRejection::Stale);
        }
        Ok(Self {
            signature: Signature::from_bytes(&signature),
            timestamp: timestamp.to_owned(),
        })
    }

    /// Checks the signature over the timestamp followed by the raw `body`, strictly (no weak
    /// keys, no malleable signatures).
    pub(crate) fn verify(&self, key: &PublicKey, body: &[u8]) -> Result<(), SignatureRejection> {
        let mut message = Vec::with_capacity(self.timestamp.len() + body.len());
        message.extend_from_slice(self.timestamp.as_bytes());
        message.extend_from_slice(body);
        key.0
            .verify_strict(&message, &self.signature)
            .map_err(|_| SignatureRejection::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use ed25519_dalek::{Signer, SigningKey};

    use super::*;

    fn signing_key() -> SigningKey {
        SigningKey::from_bytes(&[7_u8; 32])
    }

    fn public_key() -> PublicKey {
        PublicKey::from_hex(&hex::encode(signing_key().verifying_key().as_bytes()))
            .unwrap_or_else(|error| panic!("{error}"))
    }

    fn headers(signature: &str, timestamp: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in [(SIGNATURE_HEADER, signature), (TIMESTAMP_HEADER, timestamp)] {
            headers.insert(
                name,
                HeaderValue::from_str(value).unwrap_or_else(|error| panic!("{error}")),
            );
        }
        headers
    }

    fn signed(timestamp: &str, body: &[u8]) -> HeaderMap {
        let message = [timestamp.as_bytes(), body].concat();
        let signature = signing_key().sign(&message);
        headers(&hex::encode(signature.to_bytes()), timestamp)
    }

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn a_signed_body_passes_and_any_other_body_fails() {
        let body = br#"{"type":1}"#;
        let read = SignedHeaders::read(&signed("1745830000", body), at(1_745_830_010))
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(read.verify(&public_key(), body), Ok(()));
        assert_eq!(
            read.verify(&public_key(), br#"{"type":2}"#),
            Err(SignatureRejection::Mismatch)
        );
    }

    #[test]
    fn timestamps_more_than_five_minutes_off_either_way_are_stale() {
        let body = b"{}";
        let now = 1_745_830_000;
        for (signed_at, expected) in [
            (now - 300, true),
            (now + 300, true),
            (now - 301, false),
            (now + 301, false),
        ] {
            let result = SignedHeaders::read(&signed(&signed_at.to_string(), body), at(now));
            assert_eq!(
                result.is_ok(),
                expected,
                "signed at now{:+}",
                signed_at as i64 - now as i64
            );
            if !expected {
                assert!(matches!(result, Err(SignatureRejection::Stale)));
            }
        }
    }

    #[test]
    fn missing_or_malformed_headers_are_refused() {
        let now = at(1_745_830_000);
        let missing = SignedHeaders::read(&HeaderMap::new(), now);
        assert!(matches!(missing, Err(SignatureRejection::Missing)));
        let short = SignedHeaders::read(&headers("abcd", "1745830000"), now);
        assert!(matches!(short, Err(SignatureRejection::Malformed)));
        let words = SignedHeaders::read(&headers(&"a".repeat(128), "yesterday"), now);
        assert!(matches!(words, Err(SignatureRejection::Malformed)));
    }

    #[test]
    fn public_keys_are_64_hex_digits() {
        assert_eq!(public_key().to_hex().len(), 64);
        for bad in ["", "xyz", &"0".repeat(63), &"g".repeat(64)] {
            assert!(
                matches!(
                    PublicKey::from_hex(bad),
                    Err(ConfigError::Invalid {
                        variable: "DISCORD_PUBLIC_KEY",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }
}
