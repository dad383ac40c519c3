#include "store/sql.hpp"

namespace kulanz::store {

base::Result<Statement*> Connection::prepare_static(const std::string& sql) {
  auto it = by_address_.find(&sql);
  if (it != by_address_.end()) return it->second;
  auto prepared = prepare(sql);
  if (prepared) by_address_.emplace(&sql, *prepared);
  return prepared;
}

Query& Query::arg(calendar::Date d) {
  // YYYY-MM-DD without going through printf (dates lie in 1900..2199).
  char buf[10];
  int y = d.year();
  unsigned m = d.month(), day = d.day();
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + day / 10);
  buf[9] = static_cast<char>('0' + day % 10);
  s_->bind_text(++n_, std::string_view(buf, sizeof buf));
  return *this;
}

}  // namespace kulanz::store
