#include "routers/http/headers.hpp"

#include <algorithm>

#include "emulator/core/text.hpp"

namespace lemu::http {

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
        if (iequals(key, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> Headers::get_all(std::string_view name) const {
    std::vector<std::string_view> values;
    for (const auto& [key, value] : fields_) {
        if (iequals(key, name)) {
            values.emplace_back(value);
        }
    }
    return values;
}

void Headers::set(std::string_view name, std::string value) {
    erase(name);
    fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::add(std::string_view name, std::string value) { fields_.emplace_back(std::string(name), std::move(value)); }

void Headers::erase(std::string_view name) {
    std::erase_if(fields_, [name](const Field& f) { return iequals(f.first, name); });
}

}  // namespace lemu::http
