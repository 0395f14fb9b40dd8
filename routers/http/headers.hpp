#pragma once
// An ordered list of HTTP header fields with case-insensitive lookup. Small lists are the norm, so a
// vector beats a map and keeps duplicates (S3 metadata, Set-Cookie) in order.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::http {

class Headers {
public:
    using Field = std::pair<std::string, std::string>;

    std::optional<std::string_view> get(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value(); }
    std::vector<std::string_view> get_all(std::string_view name) const;
    // Replaces every field of that name with one.
    void set(std::string_view name, std::string value);
    // Appends, keeping fields of the same name.
    void add(std::string_view name, std::string value);
    void erase(std::string_view name);

    const std::vector<Field>& fields() const { return fields_; }
    bool empty() const { return fields_.empty(); }

private:
    std::vector<Field> fields_;
};

}  // namespace lemu::http
