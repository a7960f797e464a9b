//! The cases every protocol shares: broken transport-level bodies, broken JSON, the wrong
//! top-level shape.

use super::*;

/// The cases every protocol shares: broken transport-level bodies, broken JSON, the wrong
/// top-level shape. 36 per protocol.
pub(super) fn shared_cases(protocol: Protocol) -> Vec<Case> {
    [
        broken_bodies(protocol),
        broken_json(protocol),
        wrong_shapes(protocol),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Bodies broken below JSON: HTML pages, nothing, truncation, bad bytes.
fn broken_bodies(protocol: Protocol) -> Vec<Case> {
    let t = target_of(protocol);
    let good = proper(protocol);
    let cut = |n: usize| good[..n].to_vec();
    let len = good.len();
    vec![
        // A gateway's or maintenance HTML page sent with 200: not JSON.
        case(
            "html page, HTTP 200",
            t,
            200,
            HTML_200,
            decode_at("", NOT_JSON),
        ),
        // nginx's 502 page: an HTTP error, not a decoding one.
        case("html page, HTTP 502", t, 502, HTML_502, Expect::Http),
        // Nothing at all with 200.
        case(
            "empty body, HTTP 200",
            t,
            200,
            "",
            decode_at("", "empty response body"),
        ),
        // Nothing at all with 502.
        case("empty body, HTTP 502", t, 502, "", Expect::Http),
        // Only whitespace: reported as empty.
        case(
            "whitespace only",
            t,
            200,
            " \r\n\t \n",
            decode_at("", "empty response body"),
        ),
        // Truncated right after the opening brace.
        case(
            "truncated after 1 byte",
            t,
            200,
            cut(1),
            decode_at("", "EOF while parsing"),
        ),
        // Truncated a third of the way in.
        case(
            "truncated at 1/3",
            t,
            200,
            cut(len / 3),
            decode_at("", "EOF while parsing"),
        ),
        // Truncated two thirds of the way in.
        case(
            "truncated at 2/3",
            t,
            200,
            cut(len * 2 / 3),
            decode_at("", "EOF while parsing"),
        ),
        // Only the final `}` missing.
        case(
            "truncated before last brace",
            t,
            200,
            cut(len - 1),
            decode_at("", "EOF while parsing"),
        ),
        // A truncated body with an error status stays an HTTP error.
        case("truncated, HTTP 503", t, 503, cut(len / 2), Expect::Http),
        // Invalid UTF-8 inside a string the response type reads.
        case(
            "non-UTF-8 in a string",
            t,
            200,
            with_text(protocol, b"caf\xe9 \xff\xfe"),
            decode_at("", NOT_JSON),
        ),
        // Binary garbage.
        case(
            "binary garbage",
            t,
            200,
            b"\x00\x01\xff\xfe\x80{\x00}".to_vec(),
            decode_at("", NOT_JSON),
        ),
        // A GBK-encoded error page ("系统错误") with 500: HTTP error, lossy snippet.
        case(
            "GBK text, HTTP 500",
            t,
            500,
            b"\xcf\xb5\xcd\xb3\xb4\xed\xce\xf3".to_vec(),
            Expect::Http,
        ),
    ]
}

/// JSON a strict parser refuses or that strains one: a BOM, deep nesting, NaN and Infinity.
fn broken_json(protocol: Protocol) -> Vec<Case> {
    let t = target_of(protocol);
    let good = proper(protocol);
    let deep_in_envelope = {
        let mut body = good[..good.len() - 1].to_vec();
        body.extend_from_slice(b",\"x\":");
        body.extend(std::iter::repeat_n(b'[', DEEP));
        body.extend(std::iter::repeat_n(b']', DEEP));
        body.push(b'}');
        body
    };
    let huge_garbage: Vec<u8> = (0..TEN_MB)
        .map(|i| b"\x00\xffgarbage{[\"<"[i % 13])
        .collect();
    vec![
        // A UTF-8 BOM before an otherwise proper body. RFC 8259 lets parsers ignore it;
        // the runtime drops it before decoding (serde_json alone would refuse it).
        case(
            "UTF-8 BOM",
            t,
            200,
            [b"\xef\xbb\xbf".as_slice(), &good].concat(),
            ok(),
        ),
        // 10 000 unclosed `[`: refused by the parser's depth limit, no stack overflow.
        case(
            "10000 open brackets",
            t,
            200,
            "[".repeat(DEEP),
            decode_at("", "recursion limit exceeded"),
        ),
        // 10 000 balanced `[`…`]` inside an otherwise proper body.
        case(
            "10000 nested arrays in a field",
            t,
            200,
            deep_in_envelope,
            decode_at("", "recursion limit exceeded"),
        ),
        // 10 000 nested objects.
        case(
            "10000 nested objects",
            t,
            200,
            "{\"a\":".repeat(DEEP),
            decode_at("", "recursion limit exceeded"),
        ),
        // Deep nesting with 502: HTTP error, bounded snippet.
        case(
            "10000 open brackets, HTTP 502",
            t,
            502,
            "[".repeat(DEEP),
            Expect::Http,
        ),
        // A NaN literal where a number goes.
        case(
            "NaN literal",
            t,
            200,
            with_number(protocol, "NaN"),
            decode_at("", NOT_JSON),
        ),
        // An Infinity literal where a number goes.
        case(
            "Infinity literal",
            t,
            200,
            with_number(protocol, "Infinity"),
            decode_at("", NOT_JSON),
        ),
        // A -Infinity literal where a number goes.
        case(
            "-Infinity literal",
            t,
            200,
            with_number(protocol, "-Infinity"),
            decode_at("", NOT_JSON),
        ),
        // 1e400 overflows f64: serde_json refuses the whole body, so there is no field path
        // (asserted as it is, see the report).
        case(
            "1e400",
            t,
            200,
            with_number(protocol, "1e400"),
            decode_at("", "number out of range"),
        ),
        // 10 MB of garbage with 200: Decode, snippet still short.
        case(
            "10 MB garbage, HTTP 200",
            t,
            200,
            huge_garbage.clone(),
            decode_at("", NOT_JSON),
        ),
        // 10 MB of garbage with 502: Http, snippet still short.
        case(
            "10 MB garbage, HTTP 502",
            t,
            502,
            huge_garbage,
            Expect::Http,
        ),
    ]
}

/// Proper JSON of the wrong top-level shape, huge strings, trailing garbage, an error status.
fn wrong_shapes(protocol: Protocol) -> Vec<Case> {
    let t = target_of(protocol);
    let good = proper(protocol);
    vec![
        // A proper body whose optional string is 10 MB long: decodes.
        case(
            "10 MB string in a proper body",
            t,
            200,
            with_text(protocol, "x".repeat(TEN_MB).as_bytes()),
            ok(),
        ),
        // The proper body wrapped in an array.
        case(
            "top-level array",
            t,
            200,
            [b"[".as_slice(), &good, b"]"].concat(),
            missing_envelope(protocol),
        ),
        // An empty top-level array.
        case(
            "top-level empty array",
            t,
            200,
            "[]",
            missing_envelope(protocol),
        ),
        // A top-level string.
        case(
            "top-level string",
            t,
            200,
            "\"OK\"",
            missing_envelope(protocol),
        ),
        // A top-level number (Fxiaoke's success code, bare).
        case("top-level number", t, 200, "0", missing_envelope(protocol)),
        // A top-level `true`.
        case("top-level true", t, 200, "true", missing_envelope(protocol)),
        // A top-level `null`.
        case("top-level null", t, 200, "null", missing_envelope(protocol)),
        // An empty object: no envelope at all.
        case("empty object", t, 200, "{}", missing_envelope(protocol)),
        // A lone surrogate escape in a string.
        case(
            "escaped lone surrogate \\ud800",
            t,
            200,
            with_text(protocol, br"\ud800"),
            decode_at("", "hex escape"),
        ),
        // Trailing garbage after a proper body.
        case(
            "trailing garbage",
            t,
            200,
            [good.as_slice(), b" <!-- cache -->"].concat(),
            decode_at("", "trailing characters"),
        ),
        // Two proper bodies back to back.
        case(
            "two JSON documents",
            t,
            200,
            [good.as_slice(), &good].concat(),
            decode_at("", "trailing characters"),
        ),
        // A proper success body with HTTP 500: the status wins, Http.
        case("success body, HTTP 500", t, 500, good.clone(), Expect::Http),
    ]
}
