"use strict";
/**
 * Infrastructure-as-code anchoring: where in the repository a deployed resource is defined.
 *
 * The index is built from CloudFormation templates (YAML, JSON, CDK's synthesized templates) and Terraform files,
 * parsed with real parsers that keep source positions. Matching a deployed resource to a definition is done on
 * evidence (CloudFormation's stack tags, literal names, Name tags, Terraform resource names), and every anchor says
 * which evidence it rests on. Nothing here talks to AWS.
 */
Object.defineProperty(exports, "__esModule", { value: true });
