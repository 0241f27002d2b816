import * as Comlink from 'comlink';
import { createEngineApi } from '../src/lib/engineApi.ts';
import { workerEnvironment } from '../src/engine/workerEnvironment.ts';

// The app is type-checked with the DOM lib, where `self` is a Window; here it is the worker scope.
Comlink.expose(createEngineApi(workerEnvironment), self as unknown as Comlink.Endpoint);
