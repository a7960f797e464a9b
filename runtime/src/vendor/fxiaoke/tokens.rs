//! Tokens fetched with the app's credentials: how a call's credentials get (and forget)
//! their token. The fetch itself and the vendor's refresh window are `app`'s.

use super::codes::is_token_expired;
use super::credentials::{BodyScheme, Credentials, HeaderScheme};
use super::{Fxiaoke, app_token};
use crate::Client;
use crate::error::Error;
use crate::operation::{AuthKind, Operation};

impl Fxiaoke {
    /// The credentials a call of `op` is prepared with: the configured ones, with the
    /// scheme's token fetched (or taken from the cache) when they are app credentials.
    pub(super) async fn resolve_credentials(
        client: &Client<Fxiaoke>,
        op: &Operation,
    ) -> Result<Option<Credentials>, Error> {
        let Some(credentials) = client.credentials() else {
            return Ok(None);
        };
        let Some(app) = &credentials.app else {
            return Ok(Some(credentials.clone()));
        };
        let missing = |what: &str| Error::Credentials {
            provider: op.provider,
            message: format!("operation `{}` needs {what}", op.name),
        };
        let mut resolved = credentials.clone();
        match op.auth {
            Some(AuthKind::FxiaokeHeader) if credentials.header.is_none() => {
                let user_id = app
                    .operator
                    .user_id
                    .clone()
                    .ok_or_else(|| missing("the acting employee id (Operator::user_id)"))?;
                let endpoint = &app_token::ACCESS_TOKEN;
                let token = app
                    .header
                    .get(|| {
                        endpoint.checked((app.fetch)(
                            client.clone(),
                            app.app.clone(),
                            AuthKind::FxiaokeHeader,
                        ))
                    })
                    .await?;
                let ea = token
                    .field(endpoint.field)
                    .ok_or_else(|| missing("an `ea` from the token endpoint"))?
                    .to_owned();
                resolved.header = Some(HeaderScheme {
                    generation: token.generation(),
                    access_token: token.value,
                    ea,
                    user_id,
                });
            }
            Some(AuthKind::FxiaokeBody) if credentials.body.is_none() => {
                let current_open_user_id =
                    app.operator.open_user_id.clone().ok_or_else(|| {
                        missing("the acting open user id (Operator::open_user_id)")
                    })?;
                let endpoint = &app_token::CORP_ACCESS_TOKEN;
                let token = app
                    .body
                    .get(|| {
                        endpoint.checked((app.fetch)(
                            client.clone(),
                            app.app.clone(),
                            AuthKind::FxiaokeBody,
                        ))
                    })
                    .await?;
                let corp_id = token
                    .field(endpoint.field)
                    .ok_or_else(|| missing("a `corpId` from the token endpoint"))?
                    .to_owned();
                resolved.body = Some(BodyScheme {
                    generation: token.generation(),
                    corp_access_token: token.value,
                    corp_id,
                    current_open_user_id,
                });
            }
            _ => {}
        }
        Ok(Some(resolved))
    }

    /// After `error`: whether the token `used` came from the app's cache and the vendor said
    /// it expired. Then it is forgotten, so the next resolve fetches a new one.
    pub(super) async fn forget_expired(
        op: &Operation,
        configured: Option<&Credentials>,
        used: Option<&Credentials>,
        error: &Error,
    ) -> bool {
        let (Some(app), Some(used)) = (configured.and_then(|c| c.app.as_ref()), used) else {
            return false;
        };
        if !is_token_expired(error) {
            return false;
        }
        match op.auth {
            Some(AuthKind::FxiaokeHeader) if configured.is_some_and(|c| c.header.is_none()) => {
                match &used.header {
                    Some(header) => {
                        app.header.invalidate_generation(header.generation).await;
                        true
                    }
                    None => false,
                }
            }
            Some(AuthKind::FxiaokeBody) if configured.is_some_and(|c| c.body.is_none()) => {
                match &used.body {
                    Some(body) => {
                        app.body.invalidate_generation(body.generation).await;
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
