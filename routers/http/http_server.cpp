#include "routers/http/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <mutex>
#include <vector>

#include "emulator/core/log.hpp"
#include "routers/http/dispatcher.hpp"

namespace lemu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("http");
    return instance;
}

Request to_request(const bhttp::request_parser<bhttp::string_body>& parser, const std::string& tag) {
    const auto& msg = parser.get();
    Request request = Request::make(std::string(msg.method_string()), std::string(msg.target()));
    for (const auto& field : msg) {
        request.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    request.endpoint_tag = tag;
    return request;
}

bhttp::response<bhttp::string_body> to_beast(Response&& response, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
    for (auto& [name, value] : response.headers.fields()) {
        out.insert(name, value);
    }
    out.keep_alive(keep_alive);
    if (response.head_content_length) {
        out.content_length(*response.head_content_length);
    } else {
        out.body() = std::move(response.body);
        out.prepare_payload();
    }
    return out;
}

// A refused body may still be on its way: closing with unread data makes the kernel reset the
// connection, and a client still sending loses the answer. Read it away first (a lingering close).
asio::awaitable<void> drain(beast::tcp_stream& stream, std::chrono::seconds timeout) {
    std::vector<char> sink(64 * 1024);
    stream.expires_after(timeout);
    while (true) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kNoThrow);
        (void)n;
        if (ec) {
            break;
        }
    }
}

}  // namespace

struct HttpServer::State : std::enable_shared_from_this<HttpServer::State> {
    State(asio::io_context& io_, const Dispatcher& dispatcher_, HttpServerOptions options_)
        : io(io_), dispatcher(dispatcher_), options(options_) {}

    asio::io_context& io;
    const Dispatcher& dispatcher;
    HttpServerOptions options;
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<tcp::acceptor>> acceptors;
    bool stopped = false;

    std::uint16_t open(const std::string& tag, const tcp::endpoint& endpoint) {
        auto acceptor = std::make_shared<tcp::acceptor>(asio::make_strand(io));
        acceptor->open(endpoint.protocol());
        acceptor->set_option(asio::socket_base::reuse_address(true));
        acceptor->bind(endpoint);
        acceptor->listen(asio::socket_base::max_listen_connections);
        std::uint16_t port = acceptor->local_endpoint().port();
        {
            std::lock_guard lock(mutex);
            acceptors[tag] = acceptor;
        }
        asio::co_spawn(acceptor->get_executor(), accept_loop(shared_from_this(), acceptor, tag),
                       [tag](std::exception_ptr e) {
                           if (e) {
                               try {
                                   std::rethrow_exception(e);
                               } catch (const std::exception& ex) {
                                   logger()->error("listener {} failed: {}", tag, ex.what());
                               }
                           }
                       });
        return port;
    }

    void close(const std::string& tag) {
        std::shared_ptr<tcp::acceptor> acceptor;
        {
            std::lock_guard lock(mutex);
            auto it = acceptors.find(tag);
            if (it == acceptors.end()) {
                return;
            }
            acceptor = it->second;
            acceptors.erase(it);
        }
        asio::post(acceptor->get_executor(), [acceptor] {
            beast::error_code ignored;
            acceptor->close(ignored);
        });
    }

    static asio::awaitable<void> accept_loop(std::shared_ptr<State> self, std::shared_ptr<tcp::acceptor> acceptor,
                                             std::string tag) {
        while (acceptor->is_open()) {
            auto [ec, socket] = co_await acceptor->async_accept(asio::make_strand(self->io), kNoThrow);
            if (ec) {
                if (ec == asio::error::operation_aborted || !acceptor->is_open()) {
                    break;
                }
                logger()->warn("accept on {} failed: {}", tag, ec.message());
                continue;
            }
            beast::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            auto executor = socket.get_executor();
            asio::co_spawn(executor, session(self, std::move(socket), tag), [](std::exception_ptr e) {
                if (e) {
                    try {
                        std::rethrow_exception(e);
                    } catch (const std::exception& ex) {
                        logger()->error("session failed: {}", ex.what());
                    }
                }
            });
        }
    }

    static asio::awaitable<void> session(std::shared_ptr<State> self, tcp::socket socket, std::string tag) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        std::string remote;
        {
            beast::error_code ec;
            auto endpoint = stream.socket().remote_endpoint(ec);
            if (!ec) {
                remote = endpoint.address().to_string();
            }
        }
        const Dispatcher& dispatcher = self->dispatcher;
        bool unread_body = false;
        while (true) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(self->options.header_limit));
            parser.body_limit(boost::none);
            stream.expires_after(self->options.idle_timeout);
            auto [read_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
            (void)header_bytes;
            if (read_ec) {
                break;  // end of stream, timeout or a malformed request: drop the connection
            }
            Request request = to_request(parser, tag);
            request.remote_address = remote;
            const unsigned version = parser.get().version();
            Response response;
            bool body_ok = true;
            const std::size_t limit = dispatcher.body_limit(request);
            auto length = parser.content_length();
            if (length && *length > limit) {
                body_ok = false;  // refused before 100 Continue, so the client never sends the body
            } else {
                if (auto expect = parser.get()[bhttp::field::expect]; beast::iequals(expect, "100-continue")) {
                    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
                    stream.expires_after(self->options.io_timeout);
                    auto [ec, n] = co_await bhttp::async_write(stream, go_on, kNoThrow);
                    (void)n;
                    if (ec) {
                        break;
                    }
                }
                parser.body_limit(limit);
                stream.expires_after(self->options.io_timeout);
                auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
                (void)n;
                if (ec == bhttp::error::body_limit) {
                    body_ok = false;
                } else if (ec) {
                    break;
                }
            }
            bool keep_alive = parser.get().keep_alive();
            if (body_ok) {
                request.body = std::move(parser.get().body());
                stream.expires_never();
                response = co_await dispatcher.dispatch(request);
            } else {
                response = dispatcher.body_too_large(request);
                unread_body = true;
            }
            keep_alive = keep_alive && !response.close;
            auto message = to_beast(std::move(response), version, keep_alive);
            stream.expires_after(self->options.io_timeout);
            auto [write_ec, written] = co_await bhttp::async_write(stream, message, kNoThrow);
            (void)written;
            if (write_ec || !keep_alive) {
                break;
            }
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        if (unread_body) {
            auto draining = drain(stream, self->options.io_timeout);
            co_await std::move(draining);
        }
    }
};

HttpServer::HttpServer(asio::io_context& io, const Dispatcher& dispatcher, HttpServerOptions options)
    : state_(std::make_shared<State>(io, dispatcher, options)) {}

HttpServer::~HttpServer() { stop_accepting(); }

std::uint16_t HttpServer::listen(const std::string& host, std::uint16_t port) {
    return state_->open(std::string(kPublicEndpoint), tcp::endpoint(asio::ip::make_address(host), port));
}

std::uint16_t HttpServer::open_endpoint(const std::string& tag) {
    return state_->open(tag, tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), 0));
}

void HttpServer::close_endpoint(const std::string& tag) { state_->close(tag); }

void HttpServer::stop_accepting() {
    std::vector<std::string> tags;
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [tag, acceptor] : state_->acceptors) {
            tags.push_back(tag);
        }
    }
    for (auto& tag : tags) {
        state_->close(tag);
    }
}

}  // namespace lemu::http
