#pragma once
#include "base/strong_id.hpp"

namespace kulanz::domain {
struct CreditorTag; struct CustomerTag; struct InvoiceTag; struct CreditNoteTag;
struct PaymentTag; struct AllocationTag; struct UserTag; struct ApiKeyTag;
using CreditorId = base::StrongId<CreditorTag>;
using CustomerId = base::StrongId<CustomerTag>;
using InvoiceId = base::StrongId<InvoiceTag>;
using CreditNoteId = base::StrongId<CreditNoteTag>;
using PaymentId = base::StrongId<PaymentTag>;
using AllocationId = base::StrongId<AllocationTag>;
using UserId = base::StrongId<UserTag>;
using ApiKeyId = base::StrongId<ApiKeyTag>;
}  // namespace kulanz::domain
