#include "http/web_chart.hpp"

#include <algorithm>

#include "http/web_format.hpp"
#include "money/money.hpp"

namespace kulanz::http {
namespace {

constexpr int kPlotTop = 40;
constexpr int kPlotBottom = 250;  // baseline
constexpr int kSlotWidth = kChartWidth / domain::kAgingBucketCount;
constexpr int kBarWidth = 80;

int bar_height(std::int64_t amount, std::int64_t largest) {
  if (amount <= 0 || largest <= 0) return 0;
  auto h = money::mul_div(amount, kPlotBottom - kPlotTop, largest, money::Rounding::half_up);
  // A non-zero amount stays visible even next to a much larger one.
  return std::max(2, h ? static_cast<int>(*h) : 0);
}

}  // namespace

std::string bucket_label(domain::AgingBucket bucket) {
  switch (bucket) {
    case domain::AgingBucket::not_due: return "Nicht fällig";
    case domain::AgingBucket::d1_30: return "1–30 Tage";
    case domain::AgingBucket::d31_60: return "31–60 Tage";
    case domain::AgingBucket::d61_90: return "61–90 Tage";
    case domain::AgingBucket::over_90: return "über 90 Tage";
  }
  return "";
}

std::array<AgingBar, domain::kAgingBucketCount> aging_bars(const domain::Aging& aging, money::Currency currency) {
  std::int64_t largest = 0;
  for (const auto& m : aging.amount) largest = std::max(largest, m.minor());
  std::array<AgingBar, domain::kAgingBucketCount> bars;
  for (int i = 0; i < domain::kAgingBucketCount; ++i) {
    auto idx = static_cast<std::size_t>(i);
    AgingBar& b = bars[idx];
    std::int64_t minor = aging.amount[idx].minor();
    b.label = bucket_label(static_cast<domain::AgingBucket>(i));
    b.amount_text = format_money_de(money::Money(minor, currency));
    b.count_text = format_count_de(aging.count[idx]);
    b.overdue = i != static_cast<int>(domain::AgingBucket::not_due);
    b.width = kBarWidth;
    b.height = bar_height(minor, largest);
    b.x = i * kSlotWidth + (kSlotWidth - kBarWidth) / 2;
    b.y = kPlotBottom - b.height;
    b.label_x = i * kSlotWidth + kSlotWidth / 2;
    b.value_y = b.y - 8;
  }
  return bars;
}

}  // namespace kulanz::http
