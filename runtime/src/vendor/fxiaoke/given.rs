//! Which Fxiaoke credential values an operation is authorised with, each named
//! with where it came from and whether it travels in an HTTP header.

use super::app::{APP_ID_VAR, APP_SECRET_VAR, PERMANENT_CODE_VAR};
use super::credentials::Credentials;
use crate::credentials::{Given, Source};
use crate::operation::AuthKind;

/// The constructors the scheme credentials and the operator are given to (a [`Given`]
/// borrows its source).
static WITH_ACCESS_TOKEN: Source = Source::Code("Credentials::with_access_token");
static WITH_CORP_ACCESS_TOKEN: Source = Source::Code("Credentials::with_corp_access_token");
static OPERATOR_USER_ID: Source = Source::Code("Operator::user_id");
static OPERATOR_OPEN_USER_ID: Source = Source::Code("Operator::open_user_id");

/// The values an operation with `auth` is authorised with, from `c`: the
/// scheme's token and ids when given, otherwise the app credentials and the
/// operator (the fetched token is checked when it arrives, see `app_token`).
pub(super) fn given(auth: Option<AuthKind>, c: &Credentials) -> Vec<Given<'_>> {
    match (auth, &c.header, &c.body) {
        (Some(AuthKind::FxiaokeHeader), Some(h), _) => {
            let source = &WITH_ACCESS_TOKEN;
            vec![
                Given::new("access token", source, None, None, h.access_token.expose()).in_header(),
                Given::new("ea", source, None, None, &h.ea).in_header(),
                Given::new("user id", source, None, None, &h.user_id).in_header(),
            ]
        }
        (Some(AuthKind::FxiaokeBody), _, Some(b)) => {
            let source = &WITH_CORP_ACCESS_TOKEN;
            vec![
                Given::new(
                    "corp access token",
                    source,
                    None,
                    None,
                    b.corp_access_token.expose(),
                ),
                Given::new("corp id", source, None, None, &b.corp_id),
                Given::new(
                    "current open user id",
                    source,
                    None,
                    None,
                    &b.current_open_user_id,
                ),
            ]
        }
        _ => {
            let Some(app) = &c.app else {
                return Vec::new();
            };
            let source = &app.app.source;
            let mut given = vec![
                Given::new("app id", source, Some(APP_ID_VAR), None, &app.app.app_id),
                Given::new(
                    "app secret",
                    source,
                    Some(APP_SECRET_VAR),
                    None,
                    app.app.app_secret.expose(),
                ),
                Given::new(
                    "permanent code",
                    source,
                    Some(PERMANENT_CODE_VAR),
                    None,
                    app.app.permanent_code.expose(),
                ),
            ];
            given.push(match auth {
                // Sent as `x-fs-userid`.
                Some(AuthKind::FxiaokeHeader) => Given::new(
                    "operator user id",
                    &OPERATOR_USER_ID,
                    None,
                    None,
                    app.operator.user_id.as_deref().unwrap_or_default(),
                )
                .in_header(),
                _ => Given::new(
                    "operator open user id",
                    &OPERATOR_OPEN_USER_ID,
                    None,
                    None,
                    app.operator.open_user_id.as_deref().unwrap_or_default(),
                ),
            });
            given
        }
    }
}
