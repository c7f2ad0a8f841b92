import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

/** The smallest valid WAV: a RIFF/WAVE header and two bytes of silence. */
function tinyWav(): Buffer {
  const b = Buffer.alloc(46);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(38, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(2, 40);
  return b;
}

export default defineCrossTenantCases({
  name: 'audio',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/audio?name=Fixture%20greeting',
      headers: { ...bearer(tenant.admin.token), 'content-type': 'audio/wav' },
      payload: tinyWav(),
    });
    if (res.statusCode !== 201) throw new Error(`audio fixture: ${res.statusCode} ${res.body}`);
    return { audioId: res.json().data.id };
  },
  routes: {
    'GET /api/v1/audio': 'list',
    // The upload carries no ids; the harness sends JSON, which the route refuses before storing anything.
    'POST /api/v1/audio': { query: () => ({ name: 'Probe' }), expect: [400] },
    'GET /api/v1/audio/:id': { params: (b) => ({ id: b.audioId }) },
    'GET /api/v1/audio/:id/content': { params: (b) => ({ id: b.audioId }) },
    'DELETE /api/v1/audio/:id': { params: (b) => ({ id: b.audioId }) },
  },
});
