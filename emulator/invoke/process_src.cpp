// Boost.Process v2 is not header-only in Boost 1.81: its implementation is compiled here, once
// (BOOST_PROCESS_V2_SEPARATE_COMPILATION is defined on every target through lemu_boost).
// default_launcher.hpp uses asio::detail::throw_error without including it (Boost 1.81).
#include <boost/asio/detail/throw_error.hpp>
#include <boost/process/v2/src.hpp>
