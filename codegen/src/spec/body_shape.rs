//! What an endpoint's bodies are: a JSON object of fields (the default), no answer at all,
//! or a bare JSON array. Part of the spec format (see [`super::model`], whose
//! `EndpointFile::request_shape` and `response_shape` read them).

use schemars::JsonSchema;
use serde::Deserialize;

/// What a call's answer body is.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResponseBody {
    /// A JSON object: the envelope, with the response fields.
    #[default]
    Object,
    /// No body on success (HTTP 200 or 204 with nothing in it).
    None,
    /// A bare JSON array: the one `response` field, a `list<…>`, is the result (at the
    /// envelope's `result` path, or the whole body when the envelope has none).
    Array,
}

/// What a `POST`'s JSON body is.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RequestBody {
    /// A JSON object of the `request` fields.
    #[default]
    Object,
    /// A bare JSON array: the one `request` field, a required `list<…>`, is the body.
    Array,
}
