//! Each vendor's code tables as the client's retry rules see them.

use super::fxiaoke::Fxiaoke;
use super::mingdao::Mingdao;
use super::tencent::TencentCloud;
use crate::client::Protocol;
use crate::error::Error;
use crate::retry::tests::{http, vendor_error};
use crate::retry::{CodeClass, Reason};

fn tencent() -> TencentCloud {
    TencentCloud::new("ess", "2020-11-11")
}

fn throttled(protocol: &impl Protocol, code: &str) -> bool {
    protocol.classify(code) == Some(CodeClass::Throttled)
}

fn busy(protocol: &impl Protocol, code: &str) -> bool {
    protocol.classify(code) == Some(CodeClass::Busy)
}

#[test]
fn throttling_tables() {
    let (tc, fx, md) = (tencent(), Fxiaoke, Mingdao);
    for code in [
        "RequestLimitExceeded",
        "RequestLimitExceeded.UinLimitExceeded",
        "RequestLimitExceeded.IPLimitExceeded",
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    ] {
        assert!(throttled(&tc, code), "{code}");
        assert!(!throttled(&fx, code), "{code}");
    }
    for code in [
        "InternalError",
        "LimitExceeded",
        "RequestLimitExceededX",
        "",
    ] {
        assert!(!throttled(&tc, code), "{code}");
    }
    for code in ["14001", "30004"] {
        assert!(throttled(&fx, code), "{code}");
        assert!(!busy(&fx, code), "{code}");
        assert!(!throttled(&md, code), "{code}");
    }
    for code in ["30002", "-2", "20016", "0", "-1"] {
        assert!(!throttled(&fx, code), "{code}");
    }
    assert!(busy(&fx, "-1"));
    assert!(!busy(&md, "-1") && !busy(&tc, "-1"));
}

#[test]
fn classification_through_the_protocols() {
    let (tc, fx) = (tencent(), Fxiaoke);
    let of_tc = |e: &Error| Reason::of_answer(|code| tc.classify(code), e);
    let of_fx = |e: &Error| Reason::of_answer(|code| fx.classify(code), e);
    assert_eq!(
        of_tc(&vendor_error("RequestLimitExceeded", 200)),
        Some(Reason::Throttled)
    );
    assert_eq!(of_tc(&vendor_error("InternalError", 200)), None);
    assert_eq!(of_tc(&vendor_error("InternalError", 503)), None);
    assert_eq!(
        of_tc(&vendor_error("InternalError", 429)),
        Some(Reason::TooManyRequests)
    );
    assert_eq!(of_fx(&vendor_error("14001", 200)), Some(Reason::Throttled));
    assert_eq!(of_fx(&vendor_error("20016", 200)), None);
    assert_eq!(of_fx(&vendor_error("-1", 200)), Some(Reason::Busy));
    assert_eq!(of_tc(&vendor_error("-1", 200)), None);
    // Mingdao classifies nothing: only HTTP-level failures are retried.
    let of_md = |e: &Error| Reason::of_answer(|code| Mingdao.classify(code), e);
    assert_eq!(of_md(&vendor_error("14001", 200)), None);
    assert_eq!(of_md(&http(503)), Some(Reason::Unavailable));
    assert_eq!(of_fx(&http(429)), Some(Reason::TooManyRequests));
}
