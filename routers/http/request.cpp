#include "routers/http/request.hpp"

namespace lemu::http {

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (auto& [key, value] : parse_query(query)) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

const std::string& Request::param(std::string_view name) const {
    static const std::string kEmpty;
    auto it = params.find(name);
    return it == params.end() ? kEmpty : it->second;
}

Request Request::make(std::string method, std::string target) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    std::size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = q == std::string::npos ? std::string{} : r.target.substr(q + 1);
    return r;
}

}  // namespace lemu::http
