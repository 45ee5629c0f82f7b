#include "json_writer.h"

#include <cstdio>

namespace pw {

std::string jsonString(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

void JsonWriter::separate()
{
    if (m_needComma)
        m_out += ',';
    m_needComma = true;
}

void JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    m_needComma = false;
}
void JsonWriter::endObject()
{
    m_out += '}';
    m_needComma = true;
}
void JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    m_needComma = false;
}
void JsonWriter::endArray()
{
    m_out += ']';
    m_needComma = true;
}
void JsonWriter::key(const std::string& k)
{
    separate();
    m_out += jsonString(k) + ':';
    m_needComma = false;
}
void JsonWriter::value(const std::string& s)
{
    separate();
    m_out += jsonString(s);
}
void JsonWriter::value(std::int64_t v)
{
    separate();
    m_out += std::to_string(v);
}
void JsonWriter::value(std::uint64_t v)
{
    separate();
    m_out += std::to_string(v);
}
void JsonWriter::value(bool b)
{
    separate();
    m_out += b ? "true" : "false";
}
void JsonWriter::null()
{
    separate();
    m_out += "null";
}
void JsonWriter::raw(const std::string& number)
{
    separate();
    m_out += number;
}

} // namespace pw
