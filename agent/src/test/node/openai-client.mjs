// Drives voice-agent serve with the official openai client, unchanged.
// Usage: node openai-client.mjs BASE_URL KEY LIMIT_KEY  -> one JSON line of results on stdout.
import OpenAI from 'openai';

const [baseURL, apiKey, limitKey] = process.argv.slice(2);
const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello.' }];
const result = {};

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const stream = await client.chat.completions.create({
  model: 'voice-agent', messages, stream: true, stream_options: { include_usage: true }
});
let text = '';
let chunks = 0;
let finish = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  const choice = chunk.choices[0];
  if (choice) {
    text += choice.delta?.content ?? '';
    finish = choice.finish_reason ?? finish;
  }
  usage = chunk.usage ?? usage;
}
result.stream = { text, chunks, finish, usage };

const whole = await client.chat.completions.create({ model: 'voice-agent', messages });
result.whole = { text: whole.choices[0].message.content, finish: whole.choices[0].finish_reason, object: whole.object };

const describe = e => ({ status: e.status ?? null, name: e.constructor.name, retryAfter: e.headers?.get?.('retry-after') ?? null });
try {
  await new OpenAI({ baseURL, apiKey: 'not-a-key', maxRetries: 0 }).chat.completions.create({ model: 'x', messages });
  result.unauthorized = { status: 200 };
} catch (e) {
  result.unauthorized = describe(e);
}

const limited = new OpenAI({ baseURL, apiKey: limitKey, maxRetries: 0 });
result.limited = null;
for (let i = 0; i < 50 && result.limited === null; i++) {
  try {
    await limited.chat.completions.create({ model: 'x', messages });
  } catch (e) {
    result.limited = { ...describe(e), after: i };
  }
}
console.log(JSON.stringify(result));
