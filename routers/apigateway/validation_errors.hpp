#pragma once
// AWS's "N validation error(s) detected: ...; ..." ValidationException, collected field by field.

#include <string>
#include <string_view>
#include <vector>

namespace lemu::routers::apigateway {

class ValidationErrors {
  public:
    // "Value 'v' at 'path' failed to satisfy constraint: constraint"
    void add(std::string_view value, std::string_view path, std::string_view constraint);
    // Throws ValidationException when anything was added.
    void throw_if_any() const;

  private:
    std::vector<std::string> errors_;
};

}  // namespace lemu::routers::apigateway
