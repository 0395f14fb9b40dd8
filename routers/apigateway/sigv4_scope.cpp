#include "routers/apigateway/sigv4_scope.hpp"

#include "emulator/core/text.hpp"

namespace lemu::routers::apigateway {
namespace {

// "AKID/20240101/us-east-1/apigateway/aws4_request" → "apigateway"
std::optional<std::string> service_of(std::string_view credential) {
    std::vector<std::string_view> parts = split(credential, '/');
    if (parts.size() != 5 || parts[4] != "aws4_request") {
        return std::nullopt;
    }
    return std::string(parts[3]);
}

}  // namespace

std::optional<std::string> sigv4_service(const http::Request& head) {
    if (auto auth = head.header("Authorization"); auth && auth->starts_with("AWS4-")) {
        constexpr std::string_view kCredential = "Credential=";
        std::size_t at = auth->find(kCredential);
        if (at == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view rest = auth->substr(at + kCredential.size());
        return service_of(trim(rest.substr(0, rest.find_first_of(", "))));
    }
    if (auto credential = head.query_param("X-Amz-Credential")) {
        return service_of(*credential);
    }
    return std::nullopt;
}

}  // namespace lemu::routers::apigateway
