//! The cache's policy arithmetic, `Debug` masking, sharing between clones and the
//! issued-values record.

use super::*;

const HOUR: Duration = Duration::from_secs(3600);

#[test]
fn default_policy_trusts_stated_lifetimes_up_to_an_hour() {
    let p = RefreshPolicy::default();
    assert_eq!(p, RefreshPolicy::DEFAULT);
    assert_eq!(p.refresh_delay(HOUR), Duration::from_secs(3540));
    assert_eq!(p.refresh_delay(Duration::ZERO), Duration::from_secs(3540));
    assert_eq!(p.refresh_delay(2 * HOUR), Duration::from_secs(3540));
    assert_eq!(
        p.refresh_delay(Duration::from_secs(300)),
        Duration::from_secs(270)
    );
}

#[test]
fn refresh_delays() {
    // A vendor that repeats its 7200 s token for 6600 s (Fxiaoke's rules).
    let p = RefreshPolicy {
        refresh_after: Duration::from_secs(6600),
        max_lifetime: Duration::from_secs(7200),
        expiry_margin: Duration::from_secs(60),
    };
    assert_eq!(
        p.refresh_delay(Duration::from_secs(7200)),
        Duration::from_secs(6600)
    );
    // Unknown lifetime: the maximum is assumed.
    assert_eq!(p.refresh_delay(Duration::ZERO), Duration::from_secs(6600));
    // A claimed lifetime beyond the maximum is capped.
    assert_eq!(p.refresh_delay(100 * HOUR), Duration::from_secs(6600));
    // Short lifetimes: refreshed a tenth of the lifetime before expiry, at most 60 s.
    assert_eq!(
        p.refresh_delay(Duration::from_secs(300)),
        Duration::from_secs(270)
    );
    assert_eq!(
        p.refresh_delay(Duration::from_secs(1200)),
        Duration::from_secs(1140)
    );
    assert_eq!(
        p.refresh_delay(Duration::from_secs(1)),
        Duration::from_millis(900)
    );
    // Extreme policies neither panic nor overflow.
    let huge = RefreshPolicy {
        refresh_after: Duration::MAX,
        max_lifetime: Duration::MAX,
        expiry_margin: Duration::MAX,
    };
    assert!(huge.refresh_delay(Duration::ZERO) > 100 * HOUR);
    let zero = RefreshPolicy {
        refresh_after: Duration::ZERO,
        max_lifetime: Duration::ZERO,
        expiry_margin: Duration::ZERO,
    };
    assert_eq!(zero.refresh_delay(HOUR), Duration::ZERO);
}

#[test]
fn token_debug_hides_value_and_secret_looking_fields() {
    let token = Token::new("TOKEN-VALUE", HOUR)
        .with_field("corpId", "corp-1")
        .with_field("refreshToken", "OOPS-SECRET")
        .with_field("permanentCode", "PERM-CODE")
        .with_field("Authorization", "Bearer AUTH-VALUE")
        .with_field("ticket", "TICKET-VALUE")
        .with_secret_fields(&["ticket"]);
    let text = format!("{token:?}");
    assert!(text.contains("corp-1"), "{text}");
    for secret in [
        "TOKEN-VALUE",
        "OOPS-SECRET",
        "PERM-CODE",
        "AUTH-VALUE",
        "TICKET-VALUE",
    ] {
        assert!(!text.contains(secret), "{secret} shown: {text}");
    }
    assert!(token.hides_field("permanentCode") && token.hides_field("TICKET"));
    assert!(!token.hides_field("corpId") && !token.hides_field("ea"));
    assert_eq!(token.field("corpId"), Some("corp-1"));
    assert_eq!(token.field("ea"), None);
}

#[tokio::test(start_paused = true)]
async fn debug_and_clones_share_state() {
    let cache = TokenCache::default();
    let clone = cache.clone();
    let token = clone
        .get(|| async { Ok(Token::new("SECRET-T", HOUR)) })
        .await
        .unwrap();
    assert_eq!(token.value.expose(), "SECRET-T");
    assert_eq!(cache.fetch_count(), 1);
    let text = format!("{cache:?}");
    assert!(
        text.contains("fetch_count: 1") && !text.contains("SECRET-T"),
        "{text}"
    );
    assert_eq!(cache.policy(), RefreshPolicy::DEFAULT);
}

#[tokio::test(start_paused = true)]
async fn issued_values_keep_the_last_two_distinct_tokens() {
    let cache = TokenCache::new(RefreshPolicy {
        refresh_after: Duration::ZERO,
        ..RefreshPolicy::DEFAULT
    });
    for value in ["T-1", "T-2", "T-2", "T-3"] {
        cache
            .get(|| async move { Ok(Token::new(value, HOUR)) })
            .await
            .unwrap();
    }
    let kept: Vec<_> = cache
        .issued_values()
        .iter()
        .map(|v| v.expose().to_owned())
        .collect();
    assert_eq!(kept, ["T-2", "T-3"]);
    // A failed fetch forgets none of them: the vendor may still repeat them.
    let _ = cache
        .get(|| async {
            Err(Error::Config {
                message: "x".to_owned(),
            })
        })
        .await;
    assert_eq!(cache.issued_values().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn zero_policy_never_serves_from_cache() {
    let cache = TokenCache::new(RefreshPolicy {
        refresh_after: Duration::ZERO,
        max_lifetime: Duration::ZERO,
        expiry_margin: Duration::ZERO,
    });
    for _ in 0..3 {
        cache
            .get(|| async { Ok(Token::new("t", HOUR)) })
            .await
            .unwrap();
    }
    assert_eq!(cache.fetch_count(), 3);
}
