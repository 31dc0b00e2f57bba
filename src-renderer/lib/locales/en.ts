// Words every screen uses: the app name, the navigation, common buttons and the order states.
// zh-CN.ts is typed by this file: it must translate every key.
import { FIELD_MESSAGES_EN } from '../../../src-main/contract/field-messages';
import { NOT_FOUND_NOUNS, type NotFoundNoun } from '../../../src-main/contract/refusal-messages';

export const en = {
  app: { name: 'Packline' },
  nav: {
    pack: 'Pack', waves: 'Waves', orders: 'Orders', products: 'Products', inventory: 'Inventory', devices: 'Devices', tracking: 'Tracking', settings: 'Settings', money: 'Money', returns: 'Returns',
    imports: 'Import', audit: 'Audit log', alerts: 'Alerts', centre: 'Centre', rules: 'Rules',
    more: 'More', logout: 'Log out',
  },
  // A field the core refused, by the check it failed (FieldIssue.rule), after the field's label.
  fieldRules: {
    separator: ': ', joiner: '; ', required: 'required', invalid_type: 'missing, or not a valid value', invalid_value: 'not one of the choices ({{values}})',
    // a field under a labelled one, "Recipients (#2)": a list's entry counted from 1
    open: ' (', close: ')', nth: '#{{n}}', partJoiner: ', ',
    too_small_string: 'at least {{limit}} characters', too_small_number: 'at least {{limit}}', too_small_array: 'at least {{limit}}',
    too_big_string: 'at most {{limit}} characters', too_big_number: 'at most {{limit}}', too_big_array: 'at most {{limit}}',
    // zod's format checks (z.email(), z.url(), z.iso...); any other format (a .regex() without words of its own) is invalid_format
    invalid_format: 'not in the expected form', invalid_format_email: 'not a valid email address (name@example.com)',
    invalid_format_url: 'not a valid web address (https://…)', invalid_format_datetime: 'not a valid date and time', invalid_format_date: 'not a valid date (YYYY-MM-DD)',
  },
  // A check of the shop's own the core refused a field with (FieldIssue.key), in the contract's English words.
  fieldMessages: FIELD_MESSAGES_EN,
  // What a refusal found missing ('order PL1001 does not exist'): the core's noun, said as it is in English.
  nouns: Object.fromEntries(NOT_FOUND_NOUNS.map((n) => [n, n])) as Record<NotFoundNoun, string>,
  common: {
    search: 'Search', all: 'All', loading: 'Loading…', none: 'Nothing found', more: 'Load more', close: 'Close', reason: 'Reason', cancel: 'Cancel',
    confirm: 'Confirm', live: 'live', offline: 'reconnecting…', total: '{{count}} in all', save: 'Save', saved: 'Saved',
    // the core keeps these reasons as English words (reasonWords finds them in a reason and says them in the screen's language)
    conflictReason: 'frozen for a lead: “{{first}}” at {{firstAt}} and “{{second}}” at {{secondAt}} contradict each other',
    unmappedSkuReason: 'unmapped SKU: the channel SKU {{skus}} is mapped to none of your SKUs', unmappedSku: 'unmapped',
    durMin: '{{m}} min', durHours: '{{h}} h {{m}} min', durDays: '{{d}} d {{h}} h',
  },
  states: {
    new: 'New', ready: 'Ready', allocated: 'Allocated', in_wave: 'In wave', picked: 'Picked', packing: 'Packing', packed: 'Packed',
    shipped: 'Shipped', on_hold: 'On hold', exception: 'Exception', cancelled: 'Cancelled', returned: 'Returned',
  },
  // what happened to an order, as its history shows it (the event types of the core's log)
  events: {
    order: {
      created: 'Order received', allocated: 'Stock allocated', deallocate: 'Stock released', allocate: 'Stock allocated', hold: 'Put on hold',
      release: 'Hold released', cancel: 'Cancelled', start_packing: 'Packing started', mark_packed: 'Packed', ship: 'Shipped',
      raise_exception: 'Sent to exception', resolve_exception: 'Exception resolved', return: 'Returned', add_to_wave: 'Added to a wave',
      mark_picked: 'Picked', reopen_packing: 'Packing reopened', remove_from_wave: 'Pulled out of its wave', address_changed: 'Address changed', warehouse_assigned: 'Warehouse changed',
      updated: 'Order changed', sku_mapped: 'Channel SKU mapped',
    },
    pack: { taken_over: 'Bench taken over' },
    parcel: { labelled: 'Parcel labelled', reprinted: 'Label reprinted', voided: 'Label voided' },
    exception: { raised: 'Exception raised', resolved: 'Exception resolved' },
    stock: { unpacked: 'Items back in stock to pack again', restocked: 'Items restocked' },
    system: 'the system',
  },
};
