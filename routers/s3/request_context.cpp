#include "routers/s3/request_context.hpp"

#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"

namespace lemu::routers::s3 {
namespace {

std::optional<SigV4Scope> parse_credential(std::string_view credential) {
    auto parts = split(credential, '/');
    if (parts.size() < 5) {
        return std::nullopt;
    }
    return SigV4Scope{std::string(parts[0]), std::string(parts[2]), std::string(parts[3])};
}

std::string_view strip_port(std::string_view host) {
    if (host.starts_with('[')) {
        return host;  // IPv6 literal: never a bucket
    }
    std::size_t colon = host.rfind(':');
    return colon == std::string_view::npos ? host : host.substr(0, colon);
}

}  // namespace

std::optional<SigV4Scope> sigv4_scope(const http::Request& request) {
    if (auto auth = request.header("Authorization")) {
        std::size_t at = auth->find("Credential=");
        if (auth->starts_with("AWS4-HMAC-SHA256") && at != std::string_view::npos) {
            std::string_view rest = auth->substr(at + 11);
            return parse_credential(rest.substr(0, rest.find(',')));
        }
        return std::nullopt;
    }
    if (auto credential = request.query_param("X-Amz-Credential")) {
        return parse_credential(*credential);
    }
    return std::nullopt;
}

std::optional<std::string> virtual_host_bucket(std::string_view host) {
    std::string lower = to_lower(strip_port(host));
    for (std::string_view marker : {std::string_view{".s3."}, std::string_view{".s3-"}}) {
        std::size_t at = lower.find(marker);
        if (at != std::string::npos && at > 0) {
            return lower.substr(0, at);
        }
    }
    constexpr std::string_view kLocalhost = ".localhost";
    if (lower.size() > kLocalhost.size() && lower.ends_with(kLocalhost)) {
        return lower.substr(0, lower.size() - kLocalhost.size());
    }
    return std::nullopt;
}

bool is_s3_host(std::string_view host) {
    std::string lower = to_lower(strip_port(host));
    return lower.starts_with("s3.") || lower.starts_with("s3-") || virtual_host_bucket(host).has_value();
}

sources::s3::RequestInfo S3Context::info() const { return {request_id, host_id, source_ip, principal_id}; }

S3Context make_context(const http::Request& request, std::string_view home_region) {
    S3Context c;
    std::string hex;
    for (char ch : request.request_id) {
        if (ch != '-') {
            hex += static_cast<char>(ch >= 'a' && ch <= 'f' ? ch - 'a' + 'A' : ch);
        }
    }
    c.request_id = hex.substr(0, 16);
    std::string digest = sha256(request.request_id);
    c.host_id = base64_encode(digest + sha256(digest).substr(0, 24));
    auto scope = sigv4_scope(request);
    c.region = scope && !scope->region.empty() ? scope->region : std::string(home_region);
    c.source_ip = request.remote_address.empty() ? "127.0.0.1" : request.remote_address;
    c.principal_id = scope ? "AWS:" + scope->access_key : "anonymous";
    return c;
}

}  // namespace lemu::routers::s3
