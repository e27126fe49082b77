// Error handling: every failure is a typed error, and none of them carries the access token.
import { WawpAbortError, WawpApiError, WawpNetworkError, WawpTimeoutError } from '@wawp/client';
import { createWawp } from '@wawp/client/operations';

const wawp = createWawp({
  instanceId: process.env.WAWP_INSTANCE_ID ?? '',
  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',
});

// #region catch
try {
  await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'Hello' });
} catch (error) {
  if (error instanceof WawpApiError) {
    // The API answered with an error status; `code` is Wawp's machine-readable reason.
    switch (error.code) {
      case 'invalid_access_token':
        console.error('The access token was refused: check WAWP_ACCESS_TOKEN.');
        break;
      default:
        console.error(`Wawp refused the call: ${error.status} ${error.code}: ${error.message}`);
    }
  } else if (error instanceof WawpTimeoutError) {
    console.error(`No answer within ${error.timeoutMs} ms.`);
  } else if (error instanceof WawpNetworkError) {
    console.error(`Could not reach Wawp: ${error.message}`);
  } else if (error instanceof WawpAbortError) {
    console.error('The call was cancelled.');
  } else {
    throw error;
  }
}
// #endregion
