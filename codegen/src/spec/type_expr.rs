//! Field type expressions (`list<map<decimal>>`, `UserInfo`) and their parser.

use std::fmt;

/// A parsed field type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeExpr {
    /// `string`
    String,
    /// `secret`: a string that is never printed (app secrets, tokens).
    Secret,
    /// `bool`
    Bool,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u64`: an unsigned 64-bit integer (Tencent's `uint64`), up to 18446744073709551615.
    U64,
    /// `f64`
    F64,
    /// `decimal`: a decimal number kept as its exact text; accepts JSON strings and numbers.
    Decimal,
    /// `timestamp_ms`: milliseconds since the Unix epoch.
    TimestampMs,
    /// `timestamp_s`: seconds since the Unix epoch.
    TimestampS,
    /// `json`: any JSON value.
    Json,
    /// `list<T>`
    List(Box<TypeExpr>),
    /// `map<T>`: an object with string keys and `T` values.
    Map(Box<TypeExpr>),
    /// A named type from the endpoint's `types` or the provider's `types.yaml`.
    Named(String),
}

/// Words of the type language; a named type may not use them.
pub const PRIMITIVES: &[&str] = &[
    "string",
    "secret",
    "bool",
    "i32",
    "i64",
    "u64",
    "f64",
    "decimal",
    "timestamp_ms",
    "timestamp_s",
    "json",
];

/// Why a type expression did not parse: the message and the byte offset inside the expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeExprError {
    /// Byte offset inside the expression where the problem is.
    pub offset: usize,
    /// What was found and what was expected.
    pub message: String,
}

impl TypeExpr {
    /// Parses a type expression such as `list<UserInfo>`.
    pub fn parse(text: &str) -> Result<Self, TypeExprError> {
        let mut parser = Parser {
            text,
            pos: 0,
            depth: 0,
        };
        let ty = parser.ty()?;
        parser.skip_ws();
        if parser.pos != text.len() {
            return Err(parser.error(format!(
                "unexpected `{}` after the type; expected the end of the type expression",
                &text[parser.pos..]
            )));
        }
        Ok(ty)
    }

    /// Every named type this expression refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(name) => Some(name),
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.named(),
            _ => None,
        }
    }

    /// The expression with lists and maps removed (`list<map<i64>>` → `i64`).
    pub fn innermost(&self) -> &TypeExpr {
        match self {
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.innermost(),
            other => other,
        }
    }

    /// Whether this is a string-like scalar (`string` or `secret`).
    pub fn is_string(&self) -> bool {
        matches!(self, TypeExpr::String | TypeExpr::Secret)
    }

    /// Whether this is an integer scalar.
    pub fn is_integer(&self) -> bool {
        self.fits_i64() || matches!(self, TypeExpr::U64)
    }

    /// Whether this is an integer scalar whose every value is an `i64` (all but `u64`):
    /// what rules written over `i64` (`multiple_of_field`, a token's lifetime) can take.
    pub fn fits_i64(&self) -> bool {
        matches!(
            self,
            TypeExpr::I32 | TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS
        )
    }

    /// Whether this is any numeric scalar.
    pub fn is_number(&self) -> bool {
        self.is_integer() || matches!(self, TypeExpr::F64)
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Secret => f.write_str("secret"),
            TypeExpr::Bool => f.write_str("bool"),
            TypeExpr::I32 => f.write_str("i32"),
            TypeExpr::I64 => f.write_str("i64"),
            TypeExpr::U64 => f.write_str("u64"),
            TypeExpr::F64 => f.write_str("f64"),
            TypeExpr::Decimal => f.write_str("decimal"),
            TypeExpr::TimestampMs => f.write_str("timestamp_ms"),
            TypeExpr::TimestampS => f.write_str("timestamp_s"),
            TypeExpr::Json => f.write_str("json"),
            TypeExpr::List(inner) => write!(f, "list<{inner}>"),
            TypeExpr::Map(inner) => write!(f, "map<{inner}>"),
            TypeExpr::Named(name) => f.write_str(name),
        }
    }
}

/// How deeply `list<…>` and `map<…>` may nest; deeper input is an error, not a stack overflow.
pub const MAX_DEPTH: usize = 16;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: String) -> TypeExprError {
        TypeExprError {
            offset: self.pos,
            message,
        }
    }

    fn skip_ws(&mut self) {
        while self.text[self.pos..].starts_with(' ') {
            self.pos += 1;
        }
    }

    fn ident(&mut self) -> Result<&str, TypeExprError> {
        self.skip_ws();
        let start = self.pos;
        for (i, c) in self.text[start..].char_indices() {
            if !(c.is_ascii_alphanumeric() || c == '_') {
                self.pos = start + i;
                break;
            }
            self.pos = start + i + c.len_utf8();
        }
        if self.pos == start {
            let found = self.text[start..].chars().next().map_or_else(
                || "the end of the expression".to_owned(),
                |c| format!("`{c}`"),
            );
            return Err(self.error(format!(
                "found {found}; expected a type (`string`, `i64`, `list<T>`, a type name, ...)"
            )));
        }
        Ok(&self.text[start..self.pos])
    }

    fn expect(&mut self, c: char) -> Result<(), TypeExprError> {
        self.skip_ws();
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            let found = self.text[self.pos..].chars().next().map_or_else(
                || "the end of the expression".to_owned(),
                |c| format!("`{c}`"),
            );
            Err(self.error(format!("found {found}; expected `{c}`")))
        }
    }

    fn ty(&mut self) -> Result<TypeExpr, TypeExprError> {
        let word = self.ident()?.to_owned();
        Ok(match word.as_str() {
            "string" => TypeExpr::String,
            "secret" => TypeExpr::Secret,
            "bool" => TypeExpr::Bool,
            "i32" => TypeExpr::I32,
            "i64" => TypeExpr::I64,
            "u64" => TypeExpr::U64,
            "f64" => TypeExpr::F64,
            "decimal" => TypeExpr::Decimal,
            "timestamp_ms" => TypeExpr::TimestampMs,
            "timestamp_s" => TypeExpr::TimestampS,
            "json" => TypeExpr::Json,
            "list" | "map" => {
                if self.depth >= MAX_DEPTH {
                    return Err(self.error(format!(
                        "`list`/`map` nested more than {MAX_DEPTH} levels deep; expected a flatter type"
                    )));
                }
                self.depth += 1;
                self.expect('<')?;
                let inner = Box::new(self.ty()?);
                self.expect('>')?;
                self.depth -= 1;
                if word == "list" {
                    TypeExpr::List(inner)
                } else {
                    TypeExpr::Map(inner)
                }
            }
            _ => TypeExpr::Named(word),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_types() {
        assert_eq!(
            TypeExpr::parse("list<map<decimal>>").unwrap(),
            TypeExpr::List(Box::new(TypeExpr::Map(Box::new(TypeExpr::Decimal))))
        );
        assert_eq!(
            TypeExpr::parse("UserInfo").unwrap(),
            TypeExpr::Named("UserInfo".into())
        );
    }

    #[test]
    fn reports_where_a_type_is_malformed() {
        let err = TypeExpr::parse("list<string").unwrap_err();
        assert_eq!(err.offset, 11);
        assert_eq!(err.message, "found the end of the expression; expected `>`");
        let err = TypeExpr::parse("list<>").unwrap_err();
        assert_eq!(err.offset, 5);
        assert!(err.message.starts_with("found `>`; expected a type"));
        let err = TypeExpr::parse("string junk").unwrap_err();
        assert_eq!(err.offset, 7);
        let deep = format!("{}string{}", "list<".repeat(10_000), ">".repeat(10_000));
        let err = TypeExpr::parse(&deep).unwrap_err();
        assert!(
            err.message.contains("nested more than 16 levels"),
            "{}",
            err.message
        );
    }
}
