//! The importer's renaming rules (documented in `api-spec/README.md`): where a catalogue name
//! would break a rule of the spec's naming, a deterministic rename instead of an error.

use bindery_codegen::naming;

/// The spec type name of the catalogue's shared structure `name`: the name in the spec's
/// PascalCase, where an acronym is one capital and lower-case letters (`IDCardInfo` →
/// `IdCardInfo`, `TargetOS` → `TargetOs`; a type's name is never on the wire), and, when that
/// is a name the generated code reserves (`Option`, `Error`, …), behind the service's own
/// prefix (`ess` + `Option` → `EssOption`).
pub fn type_name(name: &str, service: &str) -> String {
    let pascal = naming::type_name(name);
    if naming::RESERVED_TYPE_NAMES.contains(&pascal.as_str()) || naming::is_keyword(&pascal) {
        format!("{}{pascal}", naming::type_name(service))
    } else {
        pascal
    }
}

pub use crate::import::names::rust_name;

/// The endpoint file stem (and so the client method) of `action`: `CreateFlow` → `create_flow`.
pub fn file_stem(action: &str) -> String {
    naming::field_name(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_type_names_get_the_service_prefix() {
        assert_eq!(type_name("Option", "ess"), "EssOption");
        assert_eq!(type_name("Error", "cvm"), "CvmError");
        assert_eq!(type_name("UserInfo", "ess"), "UserInfo");
        assert_eq!(type_name("Self", "cvm"), "CvmSelf");
    }

    #[test]
    fn acronyms_become_one_capital() {
        assert_eq!(type_name("IDCardInfo", "ocr"), "IdCardInfo");
        assert_eq!(type_name("OCRResult", "ocr"), "OcrResult");
        assert_eq!(type_name("TargetOS", "cvm"), "TargetOs");
        assert_eq!(type_name("GPUInfo", "cvm"), "GpuInfo");
        assert_eq!(type_name("OPTION", "ess"), "EssOption");
    }

    #[test]
    fn keywords_and_reserved_fields_get_a_trailing_underscore() {
        assert_eq!(rust_name("Type").as_deref(), Some("type_"));
        assert_eq!(rust_name("Match").as_deref(), Some("match_"));
        assert_eq!(rust_name("New").as_deref(), Some("new_"));
        assert_eq!(rust_name("Extra").as_deref(), Some("extra_"));
        assert_eq!(rust_name("UserId"), None);
    }

    #[test]
    fn actions_become_snake_case_stems() {
        assert_eq!(
            file_stem("BindEmployeeUserIdWithClientOpenId"),
            "bind_employee_user_id_with_client_open_id"
        );
    }
}
