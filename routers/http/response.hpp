#pragma once
// One HTTP response as routers build it.

#include <optional>
#include <string>

#include "routers/http/headers.hpp"

namespace lemu::http {

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    // For HEAD: the Content-Length to announce while sending no body.
    std::optional<std::size_t> head_content_length;
    // Close the connection after this response (e.g. after an unread oversized body).
    bool close = false;

    static Response json(int status, std::string body);
    static Response empty(int status);
    static Response text(int status, std::string body, std::string content_type = "text/plain");
};

}  // namespace lemu::http
