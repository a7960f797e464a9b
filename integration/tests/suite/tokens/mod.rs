//! Tokens the client fetches with app credentials: how they are fetched, shared and refreshed,
//! what a failed fetch gives, and that fetched tokens are masked like given ones.

mod failures;
mod fetched_masked;
mod refresh;
