import { createMemoryFlowStore } from '../../src/index.js'
import { flowStoreContract } from './flow-store-contract.js'

flowStoreContract('createMemoryFlowStore', () => createMemoryFlowStore())
