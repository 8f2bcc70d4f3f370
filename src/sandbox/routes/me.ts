// /me: the account, its payment method, its orders (status, details, extension, follow-up, pay).
import { ApiError, badRequest, notFound } from '../api-error.js';
import { ovhDate } from '../clock.js';
import { billingPrice } from '../money.js';
import { followUp, orderStatus } from '../orders.js';
import type { ApiRequest, RouteDef } from '../router.js';
import { stateOf, subsidiary, type SandboxRuntime } from '../runtime.js';
import type { OrderRecord } from '../state.js';
import { booleanQuery, datetimeQuery, longParam, validateBody } from '../validate.js';
import { orderUrl } from './checkout.js';

const DAY_MS = 86_400_000;
const RETRACTION_DAYS = 14;

function orderOf(req: ApiRequest, sb: SandboxRuntime): OrderRecord {
  const id = longParam(req.params.orderId!, 'orderId');
  const order = stateOf(sb).orders[String(id)];
  if (!order) throw notFound('orderId', id);
  return order;
}

function lineOf(req: ApiRequest, order: OrderRecord) {
  const id = longParam(req.params.orderDetailId!, 'orderDetailId');
  const line = order.lines.find((l) => l.orderDetailId === id);
  if (!line) throw notFound('orderDetailId', id);
  return line;
}

function paymentMethodView(sb: SandboxRuntime): Record<string, unknown> | undefined {
  const pm = stateOf(sb).paymentMethod;
  if (!pm) return undefined;
  return {
    billingContactId: null,
    creationDate: pm.creation,
    default: true,
    description: 'Sandbox card',
    expirationDate: pm.valid ? '2030-12-31T23:59:59+00:00' : '2020-01-31T23:59:59+00:00',
    formSessionId: null,
    icon: { data: null, name: 'visa', url: null },
    integration: null,
    label: '4***********1111',
    lastUpdate: pm.creation,
    merchantId: null,
    oneclick: null,
    paymentMeanId: null,
    paymentMethodId: pm.paymentMethodId,
    paymentSubType: 'VISA',
    paymentType: 'CREDIT_CARD',
    status: pm.valid ? 'VALID' : 'EXPIRED',
  };
}

export const meRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/me',
    noAuth: false,
    handler: (_req, sb) => {
      const { account } = stateOf(sb);
      const sub = subsidiary(account.ovhSubsidiary);
      return {
        address: '1 rue de la Simulation',
        area: null,
        birthCity: null,
        birthDay: null,
        city: 'Roubaix',
        companyNationalIdentificationNumber: null,
        complementaryAddress: null,
        corporationType: null,
        country: sub.country,
        currency: { code: sub.currency, symbol: sub.symbol },
        customerCode: '0000-0000-00',
        email: account.email,
        fax: null,
        firstname: 'Sandbox',
        italianSDI: null,
        kycValidated: true,
        language: sub.locale,
        legalform: 'individual',
        name: 'Customer',
        nationalIdentificationNumber: null,
        nichandle: account.nichandle,
        organisation: null,
        ovhCompany: 'ovh',
        ovhSubsidiary: account.ovhSubsidiary,
        phone: '+33.123456789',
        phoneCountry: sub.country,
        phoneType: 'mobile',
        purposeOfPurchase: null,
        sex: null,
        spareEmail: null,
        state: 'complete',
        vat: null,
        zip: '59100',
      };
    },
  },
  {
    method: 'GET',
    pattern: '/me/payment/method',
    noAuth: false,
    handler: (req, sb) => {
      const view = paymentMethodView(sb);
      if (!view) return [];
      const wantDefault = booleanQuery(req.query, 'default');
      if (wantDefault === false) return [];
      if (req.query.status !== undefined && req.query.status !== view.status) return [];
      if (req.query.paymentType !== undefined && req.query.paymentType !== view.paymentType) return [];
      return [view.paymentMethodId];
    },
  },
  {
    method: 'GET',
    pattern: '/me/payment/method/{paymentMethodId}',
    noAuth: false,
    handler: (req, sb) => {
      const id = longParam(req.params.paymentMethodId!, 'paymentMethodId');
      const view = paymentMethodView(sb);
      if (!view || view.paymentMethodId !== id) throw notFound('paymentMethodId', id);
      return view;
    },
  },
  {
    method: 'GET',
    pattern: '/me/order',
    noAuth: false,
    handler: (req, sb) => {
      const from = datetimeQuery(req.query, 'date.from');
      const to = datetimeQuery(req.query, 'date.to');
      return Object.values(stateOf(sb).orders)
        .filter((o) => (from === undefined || Date.parse(o.date) >= from) && (to === undefined || Date.parse(o.date) <= to))
        .map((o) => o.orderId)
        .sort((a, b) => a - b);
    },
  },
  {
    method: 'GET',
    pattern: '/me/order/{orderId}',
    noAuth: false,
    handler: (req, sb) => {
      const order = orderOf(req, sb);
      const sub = subsidiary(order.ovhSubsidiary);
      const url = orderUrl(order);
      const date = Date.parse(order.date);
      return {
        orderId: order.orderId,
        date: order.date,
        expirationDate: ovhDate(date + 7 * DAY_MS),
        retractionDate: order.checkoutBody.waiveRetractationPeriod ? null : ovhDate(date + RETRACTION_DAYS * DAY_MS),
        password: order.password,
        metadatas: [],
        priceWithTax: billingPrice(order.withoutTax + order.tax, sub),
        priceWithoutTax: billingPrice(order.withoutTax, sub),
        tax: billingPrice(order.tax, sub),
        url,
        pdfUrl: url,
      };
    },
  },
  { method: 'GET', pattern: '/me/order/{orderId}/status', noAuth: false, handler: (req, sb) => orderStatus(orderOf(req, sb), sb.clock.nowMs()) },
  { method: 'GET', pattern: '/me/order/{orderId}/followUp', noAuth: false, handler: (req, sb) => followUp(orderOf(req, sb), sb.clock.nowMs()) },
  { method: 'GET', pattern: '/me/order/{orderId}/details', noAuth: false, handler: (req, sb) => orderOf(req, sb).lines.map((l) => l.orderDetailId) },
  {
    method: 'GET',
    pattern: '/me/order/{orderId}/details/{orderDetailId}',
    noAuth: false,
    handler: (req, sb) => {
      const order = orderOf(req, sb);
      const line = lineOf(req, order);
      const sub = subsidiary(order.ovhSubsidiary);
      const delivered = orderStatus(order, sb.clock.nowMs()) === 'delivered';
      return {
        cancelled: false,
        description: line.description,
        detailType: line.detailType,
        // Once delivered, the lines of a server (and of its options) carry the server's name.
        domain: delivered ? (order.serverNames[line.rootDomain] ?? line.domain) : line.domain,
        orderDetailId: line.orderDetailId,
        quantity: String(line.quantity),
        totalPrice: billingPrice(line.totalPrice, sub),
        unitPrice: billingPrice(line.unitPrice, sub),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/me/order/{orderId}/details/{orderDetailId}/extension',
    noAuth: false,
    handler: (req, sb) => {
      const line = lineOf(req, orderOf(req, sb));
      return {
        order: {
          action: line.detailType === 'INSTALLATION' ? 'installation' : 'renew',
          configurations: line.configurations.map((c) => ({ label: c.label, value: c.value })),
          plan: {
            code: line.plan.code,
            duration: line.plan.duration,
            pricingMode: line.plan.pricingMode,
            product: { name: line.plan.productName },
            quantity: line.plan.quantity,
          },
          type: 'plan',
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/me/order/{orderId}/pay',
    noAuth: false,
    handler: (req, sb) => {
      const body = validateBody(req.body, { paymentMethod: { type: 'object', required: true } });
      const method = validateBody(body.paymentMethod, { id: { type: 'integer', required: true } });
      const order = orderOf(req, sb);
      if (order.paidAt) throw badRequest('This order has already been paid');
      const pm = stateOf(sb).paymentMethod;
      if (!pm || pm.paymentMethodId !== method.id) throw notFound('paymentMethodId', method.id as number);
      if (!pm.valid) throw new ApiError(400, 'Your payment method is not valid');
      order.paidAt = ovhDate(sb.clock.now());
      return null;
    },
  },
];
