// The Devices screen and the input-method warning.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  devices: {
    title: 'Devices', station: 'Bench station', stationOffline: 'The bench station is not reachable; reconnecting…',
    roles: { scanner: 'Scanners', scale: 'Scale', labelPrinter: 'Label printer', documentPrinter: 'Document printer' },
    state: { connected: 'Connected', waiting: 'Waiting for the device', disconnected: 'Not connected', fault: 'Fault' },
    notSet: 'No device chosen for this role.', change: 'Change', choose: 'Choose a device', remove: 'Remove', add: 'Add a scanner', save: 'Save',
    saved: 'Saved in the data folder', leadOnly: 'A lead or admin chooses the devices; you can test them.',
    weight: {
      live: 'Live weight', stable: 'Stable', motion: 'Moving', none: 'No reading yet', zero: 'Zero', tare: 'Tare', read: 'Read a stable weight',
      read_ok: 'Stable weight: {{grams}} g',
    },
    scans: {
      title: 'Last test scans', hint: 'Scan any barcode to test: scans from every scanner (and the keyboard-wedge) appear here.',
      none: 'No scan yet.', wedge: 'keyboard wedge',
      masked: 'A code that may be a staff badge shows as dots until the order core says it is none: the keyboard wedge\'s at once, a scanner\'s once a lead turns on its test scans.',
      testStart: 'Test scans: {{name}}', testStop: 'Stop test scans: {{name}}',
      testOn: '{{name}} is in test scans until {{time}} ({{by}}): its scans do not pack; each shows here in full, a staff badge never.',
      length_one: '{{count}} character', length_other: '{{count}} characters',
      verdict: { shown: 'test scan', badge: 'a staff badge', unchecked: 'not checked: {{why}}', checking: 'checking…' },
      why: {
        throttled: 'too many badge checks, the order core asks to wait', coreAway: 'the order core is not answering',
        sessionEnded: 'the session asking the order core has ended', failed: 'the check failed',
      },
    },
    printer: {
      test: 'Print a test label', testSent: 'The printer took the test label.', check: 'Check the printer', ready: 'Ready', problems: 'Problems',
      lastJob: 'Last job', uncertain: 'This job was being sent when the station stopped. Did it print?', reprint: 'Reprint',
      discard: 'It printed: discard',
    },
    jobState: { queued: 'queued', printing: 'printing', printed: 'printed', retrying: 'retrying', uncertain: 'uncertain', cancelled: 'cancelled' },
    form: {
      device: 'Device', found: 'Found on this PC', paste: 'or type an address',
      addressHint: 'tcp://192.168.1.50:9100, serial:/dev/ttyUSB0, hid:0922:8003, spool:QUEUE, file:/dev/usb/lp0', name: 'Name (optional)',
      id: 'Scanner id', protocol: 'Scale protocol', language: 'Printer language', statusCheck: 'Ask the printer for its status before each job (ZPL)',
      aim: 'Lines start with an AIM id (]C0)', serial: 'Serial port settings', baud: 'Baud', dataBits: 'Data bits', parity: 'Parity',
      stopBits: 'Stop bits', pick: '— choose —',
    },
    found: {
      title: 'Devices found on this PC', refresh: 'Look again', bus: 'Bus', ids: 'Vendor:product', name: 'Name', address: 'Address', access: 'Access',
      ok: 'OK', none: 'No HID or serial devices found.', fix: 'Cannot be opened. How to fix:',
    },
    ime: {
      title: 'An input method is swallowing the scanner’s keys',
      body: 'Switch the keyboard to English (ABC) input, then scan again. (Or set the scanner to HID POS or serial mode.)', dismiss: 'OK',
    },
  },
};
