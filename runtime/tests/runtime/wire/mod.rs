//! What each protocol puts on the wire, against a local mock server; and what a call
//! shows of itself (transport errors, configuration errors, traces).

mod arrays;
mod checks;
mod fxiaoke;
mod mingdao;
mod post_query;
mod tencent;
mod transport;
