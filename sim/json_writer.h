// A minimal JSON writer with a fixed key order and integer-only numbers, so the same run
// always serialises to the same bytes.
#pragma once

#include <cstdint>
#include <string>

namespace pw {

std::string jsonString(const std::string& s);

class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(const std::string& k);
    void value(const std::string& s);
    void value(const char* s) { value(std::string(s)); }
    void value(std::int64_t v);
    void value(std::uint64_t v);
    void value(int v) { value(static_cast<std::int64_t>(v)); }
    void value(bool b);
    void null();
    /// A number written as given (e.g. microseconds with a fractional part).
    void raw(const std::string& number);
    /// `"key": value` in one call.
    template <class T> void field(const std::string& k, const T& v)
    {
        key(k);
        value(v);
    }
    void rawField(const std::string& k, const std::string& number)
    {
        key(k);
        raw(number);
    }
    const std::string& str() const { return m_out; }

private:
    void separate();
    std::string m_out;
    bool m_needComma = false;
};

} // namespace pw
