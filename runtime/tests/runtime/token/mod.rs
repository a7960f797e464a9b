//! Tokens: the cache on its own (`cache`), and the expired-token retry a client makes
//! through its protocol (`refresh`).

mod cache;
mod refresh;
