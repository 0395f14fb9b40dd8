// Beast is compiled once here (BOOST_BEAST_SEPARATE_COMPILATION, set on the lemu_boost target).
#include <boost/beast/src.hpp>
