#include "emulator/core/qualifier.hpp"

#include "emulator/core/text.hpp"

namespace lemu {

std::optional<std::uint64_t> parse_version_number(std::string_view text) {
    return parse_number<std::uint64_t>(text);
}

Qualifier classify_qualifier(std::string_view text) {
    if (text == kLatest) {
        return Latest{};
    }
    if (auto number = parse_version_number(text)) {
        return VersionNumber{*number};
    }
    return AliasName{std::string(text)};
}

std::string to_string(const Qualifier& q) {
    struct Visitor {
        std::string operator()(const Latest&) const { return std::string(kLatest); }
        std::string operator()(const VersionNumber& v) const { return std::to_string(v.value); }
        std::string operator()(const AliasName& a) const { return a.value; }
    };
    return std::visit(Visitor{}, q);
}

}  // namespace lemu
