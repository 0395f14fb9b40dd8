#include "emulator/core/qualifier.hpp"

#include <charconv>

namespace lemu {

std::optional<std::uint64_t> parse_version_number(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
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
