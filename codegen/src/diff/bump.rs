//! The semver bump a set of changes implies, with Cargo's rules for versions before 1.0.
//!
//! Cargo treats the left-most non-zero number as the major one: `0.y.z` may break in `y`
//! and adds in `z`, `0.0.z` may break in `z`. So:
//!
//! | change | from `1.2.3` | from `0.2.3` | from `0.0.3` |
//! |---|---|---|---|
//! | breaking | `2.0.0` | `0.3.0` | `0.0.4` |
//! | addition | `1.3.0` | `0.2.4` | `0.0.4` |
//! | compatible or docs | `1.2.4` | `0.2.4` | `0.0.4` |

use serde::Serialize;

use super::change::Impact;

/// Which number of the version moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Fixes and documentation.
    Patch,
    /// Additions.
    Minor,
    /// Breaking changes.
    Major,
}

impl Bump {
    /// The bump one change needs.
    pub fn for_impact(impact: Impact) -> Self {
        match impact {
            Impact::Docs | Impact::Compatible => Bump::Patch,
            Impact::Addition => Bump::Minor,
            Impact::Breaking => Bump::Major,
        }
    }

    /// `none`, `patch`, `minor` or `major`.
    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The version after this bump of `base`, with Cargo's pre-1.0 rules. A pre-release
    /// (`1.0.0-rc.1`) moves to its release (`1.0.0`), which may hold any change; build
    /// metadata is dropped by any bump.
    pub fn apply(self, base: &semver::Version) -> semver::Version {
        let (major, minor, patch) = (base.major, base.minor, base.patch);
        if self != Bump::None && !base.pre.is_empty() {
            return semver::Version::new(major, minor, patch);
        }
        let next = |n: u64| n.saturating_add(1);
        let (major, minor, patch) = match self {
            Bump::None => return base.clone(),
            Bump::Major if major > 0 => (next(major), 0, 0),
            Bump::Major if minor > 0 => (0, next(minor), 0),
            Bump::Minor if major > 0 => (major, next(minor), 0),
            Bump::Major | Bump::Minor | Bump::Patch => (major, minor, next(patch)),
        };
        semver::Version::new(major, minor, patch)
    }

    /// Which number of `base` this bump moves, in words, for the summary line.
    pub fn explain(self, base: &semver::Version) -> &'static str {
        match (self, base.major, base.minor) {
            (Bump::None, _, _) => "no change to the generated crate",
            (Bump::Major, 0, 0) => "breaking; before 0.1 every change moves the last number",
            (Bump::Major, 0, _) => "breaking; before 1.0 that moves the minor number",
            (Bump::Major, _, _) => "breaking; moves the major number",
            (Bump::Minor, 0, _) => "additions; before 1.0 they move the patch number",
            (Bump::Minor, _, _) => "additions; they move the minor number",
            (Bump::Patch, _, _) => "compatible changes only; they move the patch number",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> semver::Version {
        semver::Version::parse(text).unwrap_or_else(|_| semver::Version::new(9, 9, 9))
    }

    #[test]
    fn cargo_rules_before_and_after_one_point_oh() {
        let cases = [
            ("1.2.3", Bump::Major, "2.0.0"),
            ("1.2.3", Bump::Minor, "1.3.0"),
            ("1.2.3", Bump::Patch, "1.2.4"),
            ("1.2.3", Bump::None, "1.2.3"),
            ("0.2.3", Bump::Major, "0.3.0"),
            ("0.2.3", Bump::Minor, "0.2.4"),
            ("0.2.3", Bump::Patch, "0.2.4"),
            ("0.0.3", Bump::Major, "0.0.4"),
            ("0.0.3", Bump::Minor, "0.0.4"),
            ("0.2.0-alpha.1", Bump::Major, "0.2.0"),
            ("1.0.0-rc.1", Bump::Patch, "1.0.0"),
            ("1.0.0-rc.1", Bump::None, "1.0.0-rc.1"),
            ("1.2.3+build.5", Bump::Patch, "1.2.4"),
        ];
        for (base, bump, next) in cases {
            assert_eq!(bump.apply(&v(base)).to_string(), next, "{base} {bump:?}");
        }
    }

    #[test]
    fn each_impact_has_its_bump() {
        assert_eq!(Bump::for_impact(Impact::Breaking), Bump::Major);
        assert_eq!(Bump::for_impact(Impact::Addition), Bump::Minor);
        assert_eq!(Bump::for_impact(Impact::Compatible), Bump::Patch);
        assert_eq!(Bump::for_impact(Impact::Docs), Bump::Patch);
    }

    #[test]
    fn the_largest_numbers_do_not_overflow() {
        let max = semver::Version::new(u64::MAX, u64::MAX, u64::MAX);
        assert_eq!(Bump::Major.apply(&max).major, u64::MAX);
    }
}
