//! Small wire types the generated request and response structs are built from.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret, SecretString};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A credential or other sensitive string.
///
/// `Debug` and `Display` print `[redacted]`, so a secret can sit in a struct
/// that derives `Debug` without leaking into logs. `Serialize` writes the real
/// value because the vendor needs it on the wire; keep such structs out of logs
/// that serialise.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a sensitive string.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The secret itself; call this only where the value must be used.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

/// An exact decimal number, kept as the text it arrived as.
///
/// Vendors send amounts both as JSON strings (`"200.00"`) and as numbers
/// (`200.5`). A `Decimal` remembers which, and serialises back in the same
/// form, so a value read from one response can be sent in the next request
/// unchanged. String-form decimals are exact to the character. Number-form
/// decimals are exact for integers; fractional numbers go through `f64`
/// (serde_json's own representation without its `arbitrary_precision`
/// feature), so `200.10` reads as `"200.1"`.
///
/// Equality compares the text only, whichever JSON form it came in.
#[derive(Clone, Debug)]
pub struct Decimal {
    text: String,
    number: bool,
}

impl Decimal {
    /// A decimal from its text, sent as a JSON string. The text is not checked.
    pub fn new(text: impl Into<String>) -> Self {
        Decimal {
            text: text.into(),
            number: false,
        }
    }

    /// The decimal's text, e.g. `"200.00"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it arrived (and will be sent) as a JSON number rather than a string.
    pub fn is_number(&self) -> bool {
        self.number
    }

    fn from_number_text(text: String) -> Self {
        Decimal { text, number: true }
    }
}

impl From<i64> for Decimal {
    /// An integer decimal, sent as a JSON number.
    fn from(value: i64) -> Self {
        Decimal::from_number_text(value.to_string())
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Decimal {}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.number {
            return serializer.serialize_str(&self.text);
        }
        // Number-form text only ever comes from a parsed JSON number, so one of
        // these parses; the string fallback keeps the value rather than failing.
        if let Ok(n) = self.text.parse::<i64>() {
            serializer.serialize_i64(n)
        } else if let Ok(n) = self.text.parse::<u64>() {
            serializer.serialize_u64(n)
        } else if let Some(n) = self.text.parse::<f64>().ok().filter(|n| n.is_finite()) {
            serializer.serialize_f64(n)
        } else {
            serializer.serialize_str(&self.text)
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;

        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number or a string holding one")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Ok(Decimal::new(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Decimal, E> {
                Ok(Decimal::new(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from_number_text(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal::from_number_text(v.to_string()))
            }

            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
                Ok(Decimal::from_number_text(v.to_string()))
            }

            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
                Ok(Decimal::from_number_text(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if v.is_finite() {
                    // `Display` for f64 is the shortest text that reads back as
                    // the same f64, and never uses exponent notation.
                    Ok(Decimal::from_number_text(v.to_string()))
                } else {
                    Err(E::invalid_value(Unexpected::Float(v), &self))
                }
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

fn system_time_from(duration_since_epoch: Duration, negative: bool) -> Option<SystemTime> {
    if negative {
        UNIX_EPOCH.checked_sub(duration_since_epoch)
    } else {
        UNIX_EPOCH.checked_add(duration_since_epoch)
    }
}

/// Milliseconds since the Unix epoch, as vendors send them (`create_time`, Mingdao's `timestamp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimestampMs(pub i64);

impl TimestampMs {
    /// The current time.
    pub fn now() -> Self {
        TimestampMs(match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => i64::try_from(e.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
        })
    }

    /// As a [`SystemTime`]; `None` if the platform cannot represent it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        system_time_from(Duration::from_millis(self.0.unsigned_abs()), self.0 < 0)
    }
}

impl From<i64> for TimestampMs {
    fn from(value: i64) -> Self {
        TimestampMs(value)
    }
}

/// Seconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimestampS(pub i64);

impl TimestampS {
    /// The current time.
    pub fn now() -> Self {
        TimestampS(match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
        })
    }

    /// As a [`SystemTime`]; `None` if the platform cannot represent it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        system_time_from(Duration::from_secs(self.0.unsigned_abs()), self.0 < 0)
    }
}

impl From<i64> for TimestampS {
    fn from(value: i64) -> Self {
        TimestampS(value)
    }
}

/// The string a [`Constant`] stands for; implemented by generated marker types.
///
/// ```
/// use bindery_runtime::{ConstValue, Constant};
///
/// #[derive(Debug, Clone, Copy, Default, PartialEq)]
/// pub struct AuthorizationCode;
/// impl ConstValue for AuthorizationCode {
///     const VALUE: &'static str = "authorization_code";
/// }
///
/// let grant: Constant<AuthorizationCode> = Constant::new();
/// assert_eq!(serde_json::to_string(&grant).unwrap(), r#""authorization_code""#);
/// ```
pub trait ConstValue {
    /// The fixed string.
    const VALUE: &'static str;
}

/// A field whose value is fixed by the spec, such as `grantType: "authorization_code"`.
///
/// It serialises as `C::VALUE` and only deserialises from exactly that string,
/// so the caller never has to (and cannot) get it wrong.
pub struct Constant<C>(PhantomData<C>);

impl<C> Constant<C> {
    /// The constant (usable in `const` and `static` items).
    pub const fn new() -> Self {
        Constant(PhantomData)
    }
}

impl<C: ConstValue> Constant<C> {
    /// The fixed string.
    pub const fn value(&self) -> &'static str {
        C::VALUE
    }
}

// The impls below are written by hand: derives would require `C` to implement
// each trait, and the marker types need not.
impl<C> Default for Constant<C> {
    fn default() -> Self {
        Constant::new()
    }
}

impl<C> Clone for Constant<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Constant<C> {}

impl<C> PartialEq for Constant<C> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<C> Eq for Constant<C> {}

impl<C> PartialOrd for Constant<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<C> Ord for Constant<C> {
    fn cmp(&self, _: &Self) -> Ordering {
        Ordering::Equal
    }
}

impl<C> Hash for Constant<C> {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl<C: ConstValue> fmt::Debug for Constant<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(C::VALUE, f)
    }
}

impl<C: ConstValue> fmt::Display for Constant<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(C::VALUE)
    }
}

impl<C: ConstValue> Serialize for Constant<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(C::VALUE)
    }
}

impl<'de, C: ConstValue> Deserialize<'de> for Constant<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConstVisitor<C>(PhantomData<C>);

        impl<C: ConstValue> Visitor<'_> for ConstVisitor<C> {
            type Value = Constant<C>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "`{}`", C::VALUE)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Constant<C>, E> {
                if v == C::VALUE {
                    Ok(Constant::new())
                } else {
                    Err(E::invalid_value(Unexpected::Str(v), &self))
                }
            }
        }

        deserializer.deserialize_str(ConstVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_hides_in_debug_and_display_but_not_on_the_wire() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{s}"), "[redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""hunter2""#);
        let back: Secret = serde_json::from_str(r#""hunter2""#).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.expose(), "hunter2");
        assert_ne!(Secret::from("a"), Secret::from(String::from("b")));
    }

    #[test]
    fn decimal_round_trips_in_its_own_form() {
        let input = r#"{"a":"200.00","b":200,"c":-12.5,"d":"1e400","e":18446744073709551615}"#;
        let parsed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(input).unwrap();
        let decimals: Vec<(String, Decimal)> = parsed
            .into_iter()
            .map(|(k, v)| (k, serde_json::from_value(v).unwrap()))
            .collect();
        assert_eq!(decimals[0].1.as_str(), "200.00");
        assert!(!decimals[0].1.is_number());
        assert_eq!(decimals[1].1.as_str(), "200");
        assert!(decimals[1].1.is_number());
        assert_eq!(decimals[2].1.to_string(), "-12.5");
        assert_eq!(decimals[3].1.as_str(), "1e400");
        let out: serde_json::Map<String, serde_json::Value> = decimals
            .into_iter()
            .map(|(k, d)| (k, serde_json::to_value(d).unwrap()))
            .collect();
        assert_eq!(serde_json::to_string(&out).unwrap(), input);

        assert_eq!(
            serde_json::to_value(Decimal::new("0.10")).unwrap(),
            json!("0.10")
        );
        assert_eq!(serde_json::to_value(Decimal::from(7)).unwrap(), json!(7));
        assert_eq!(Decimal::new("1.0"), Decimal::from_number_text("1.0".into()));
        assert!(serde_json::from_value::<Decimal>(json!(true)).is_err());
        assert!(serde_json::from_value::<Decimal>(json!(null)).is_err());
    }

    #[derive(Debug, Clone, Copy, Default, PartialEq)]
    struct AuthorizationCode;
    impl ConstValue for AuthorizationCode {
        const VALUE: &'static str = "authorization_code";
    }

    // Generated structs derive these on structs holding constants.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(rename = "grantType")]
        grant_type: Constant<AuthorizationCode>,
    }

    #[test]
    fn constant_round_trips_and_rejects_other_values() {
        static GRANT: Constant<AuthorizationCode> = Constant::new();
        assert_eq!(GRANT.value(), "authorization_code");
        let body = Body::default();
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(text, r#"{"grantType":"authorization_code"}"#);
        assert_eq!(serde_json::from_str::<Body>(&text).unwrap(), body);
        assert_eq!(format!("{:?}", body.grant_type), r#""authorization_code""#);

        let err = serde_json::from_str::<Body>(r#"{"grantType":"password"}"#).unwrap_err();
        assert!(
            err.to_string().contains("expected `authorization_code`"),
            "{err}"
        );
        let err = serde_json::from_str::<Body>(r#"{"grantType":1}"#).unwrap_err();
        assert!(
            err.to_string().contains("expected `authorization_code`"),
            "{err}"
        );
    }

    #[test]
    fn timestamps() {
        let ms: TimestampMs = serde_json::from_str("1517328000000").unwrap();
        assert_eq!(ms, TimestampMs(1_517_328_000_000));
        assert_eq!(serde_json::to_string(&ms).unwrap(), "1517328000000");
        assert_eq!(
            ms.to_system_time(),
            Some(UNIX_EPOCH + Duration::from_secs(1_517_328_000))
        );
        assert_eq!(
            TimestampS(-1).to_system_time(),
            UNIX_EPOCH.checked_sub(Duration::from_secs(1))
        );
        assert!(TimestampS::from(5) < TimestampS(6));
        // Must not panic at the extremes.
        let _ = TimestampS(i64::MIN).to_system_time();
        let _ = TimestampS(i64::MAX).to_system_time();
        let _ = TimestampMs(i64::MIN).to_system_time();
        assert!(TimestampMs::now().0 > 1_600_000_000_000);
        assert!(TimestampS::now().0 > 1_600_000_000);
    }
}
