#pragma once
// A Lambda qualifier: `$LATEST`, a published version number, or an alias name.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace lemu {

struct Latest {
    bool operator==(const Latest&) const = default;
};
struct VersionNumber {
    std::uint64_t value = 0;
    bool operator==(const VersionNumber&) const = default;
};
struct AliasName {
    std::string value;
    bool operator==(const AliasName&) const = default;
};

using Qualifier = std::variant<Latest, VersionNumber, AliasName>;

inline constexpr std::string_view kLatest = "$LATEST";

// Classifies a syntactically valid qualifier. "$LATEST" is Latest (case-sensitive: "$latest" is an
// alias name that never resolves, as in AWS); all digits is a version; everything else is an alias.
Qualifier classify_qualifier(std::string_view text);

std::string to_string(const Qualifier& q);

inline bool is_latest(const Qualifier& q) { return std::holds_alternative<Latest>(q); }
inline bool is_version(const Qualifier& q) { return std::holds_alternative<VersionNumber>(q); }
inline bool is_alias(const Qualifier& q) { return std::holds_alternative<AliasName>(q); }

// Parses a non-empty run of ASCII digits that fits in 64 bits.
std::optional<std::uint64_t> parse_version_number(std::string_view text);

}  // namespace lemu
